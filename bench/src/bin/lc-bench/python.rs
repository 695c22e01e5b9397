//! The Python baseline's environment: a venv with aiohttp and extruct,
//! made once under the bench's work folder. When Python, venv or the
//! package index is not available the baseline is skipped, and the reason
//! is printed instead of a row.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn quiet(command: &mut Command) -> Result<(), String> {
    let output = command
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("{command:?}: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let last = stderr.lines().last().unwrap_or("").to_owned();
        Err(format!("{command:?} failed: {last}"))
    }
}

/// The venv's python, with aiohttp and extruct importable.
pub(crate) fn venv(work: &Path) -> Result<PathBuf, String> {
    let dir = work.join("venv");
    let python = dir.join("bin").join("python");
    let check = || quiet(Command::new(&python).args(["-c", "import aiohttp, extruct, lxml"]));
    if check().is_ok() {
        return Ok(python);
    }
    println!("setting up the Python baseline: python3 -m venv, pip install aiohttp extruct ...");
    quiet(Command::new("python3").arg("-m").arg("venv").arg(&dir))?;
    quiet(Command::new(&python).args([
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "aiohttp",
        "extruct",
    ]))?;
    check()?;
    Ok(python)
}
