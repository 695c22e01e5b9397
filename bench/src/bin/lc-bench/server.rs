//! The corpus server as the driver sees it: `lc-serve` started as a
//! child process on an ephemeral port of 127.0.0.1, asked how many pages
//! it has served, and stopped when the bench ends, however it ends.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use crate::run::Result;

/// The corpus server, stopped when dropped.
pub(crate) struct Server {
    child: Child,
    pub(crate) addr: String,
}

impl Server {
    pub(crate) fn start(bin: &Path, corpus: &Path) -> Result<Self> {
        let mut child = Command::new(bin.join("lc-serve"))
            .arg(corpus)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()?;
        let mut addr = String::new();
        let stdout = child.stdout.take().ok_or("no stdout from lc-serve")?;
        BufReader::new(stdout).read_line(&mut addr)?;
        let addr = addr.trim().to_owned();
        if !addr.starts_with("127.0.0.1:") {
            return Err(format!("lc-serve did not start (said {addr:?})").into());
        }
        Ok(Self { child, addr })
    }

    /// Pages served so far, and how many of them were 404s.
    pub(crate) fn served(&self) -> Result<(u64, u64)> {
        let mut stream = TcpStream::connect(&self.addr)?;
        write!(
            stream,
            "GET /__bench/count HTTP/1.0\r\nHost: {}\r\n\r\n",
            self.addr
        )?;
        let mut text = String::new();
        stream.read_to_string(&mut text)?;
        let body = text.rsplit("\r\n\r\n").next().unwrap_or("");
        let mut numbers = body.split_whitespace().map(str::parse::<u64>);
        match (numbers.next(), numbers.next()) {
            (Some(Ok(served)), Some(Ok(missing))) => Ok((served, missing)),
            _ => Err(format!("lc-serve's count: {body:?}").into()),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
