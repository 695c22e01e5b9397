//! Runs one pipeline as a child process and measures it the way the
//! kernel accounts for it: wall time, user and system CPU time and peak
//! resident memory of that child alone, from `wait4`.

use std::process::Command;
use std::time::{Duration, Instant};

/// What one run of a pipeline cost.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cost {
    pub(crate) wall: Duration,
    pub(crate) cpu: Duration,
    /// Peak resident set size, in bytes.
    pub(crate) peak_rss: u64,
    pub(crate) exit_code: Option<i32>,
}

fn duration(t: libc::timeval) -> Duration {
    Duration::from_secs(u64::try_from(t.tv_sec).unwrap_or(0))
        + Duration::from_micros(u64::try_from(t.tv_usec).unwrap_or(0))
}

/// Runs `command` to its end and returns what it cost.
pub(crate) fn run(command: &mut Command) -> std::io::Result<Cost> {
    let started = Instant::now();
    let child = command.spawn()?;
    let pid = libc::pid_t::try_from(child.id()).map_err(std::io::Error::other)?;
    let mut status: libc::c_int = 0;
    // SAFETY: an all-zero rusage is a valid value of this plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is our own child, not yet reaped (`Child::wait` is
        // never called); both pointers are to live locals.
        let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if reaped == pid {
            break;
        }
        let error = std::io::Error::last_os_error();
        if error.kind() != std::io::ErrorKind::Interrupted {
            return Err(error);
        }
    }
    let wall = started.elapsed();
    let exit_code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    Ok(Cost {
        wall,
        cpu: duration(usage.ru_utime) + duration(usage.ru_stime),
        // Linux reports kibibytes.
        peak_rss: u64::try_from(usage.ru_maxrss).unwrap_or(0) * 1024,
        exit_code,
    })
}
