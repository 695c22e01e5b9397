//! The `landcheck` command: parses arguments and runs the library.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    give_back_freed_memory();
    let cli = cli::Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("landcheck: cannot start the async runtime: {e}");
            return ExitCode::from(cli::EXIT_USAGE);
        }
    };
    match runtime.block_on(cli::run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("landcheck: {}", cli::message(&e));
            ExitCode::from(cli::EXIT_USAGE)
        }
    }
}

/// Gives the memory of freed page buffers back to the system five times a
/// second.
///
/// glibc keeps freed memory for reuse, and serves a page's body, its text
/// and its tree from the heap, in between the small facts an audit keeps
/// until later ads have used them: the heap can then never shrink from its
/// top, and a long audit's memory grew with every page it read (248 MB
/// against 160 MB for 100,000 ads over 20,000 pages, without the history).
/// `malloc_trim` also gives back the free pages inside the heap. Serving
/// every allocation of 32 KiB or more from its own mapping bounds memory
/// too, but then each page's buffers are fresh mappings: about 450 page
/// faults a page, and about 12% of the audit's CPU spent in the kernel.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn give_back_freed_memory() {
    // Without the thread the audit runs as well, only with more memory.
    let _ = std::thread::Builder::new()
        .name("landcheck-trim".into())
        .spawn(|| loop {
            std::thread::sleep(std::time::Duration::from_millis(200));
            // SAFETY: `malloc_trim` only releases memory that is free, under
            // glibc's own locks.
            unsafe {
                libc::malloc_trim(0);
            }
        });
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn give_back_freed_memory() {}
