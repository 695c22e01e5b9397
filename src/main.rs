//! The `landcheck` command: parses arguments and runs the library.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    keep_page_buffers_out_of_the_heap();
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

/// Serves every allocation of 32 KiB or more (a page's body, its decoded
/// text) from its own mapping, given back whole when freed.
///
/// By default glibc raises this threshold to the largest block freed so
/// far, so after the first page the bodies come from the heap, in between
/// the small facts an audit keeps until later ads have used them: the heap
/// can then never shrink, and a long audit's memory grew with every page
/// it read (248 MB against 160 MB for 100,000 ads over 20,000 pages,
/// without the history).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn keep_page_buffers_out_of_the_heap() {
    // SAFETY: `mallopt` only sets allocator parameters, and it runs here
    // before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 * 1024);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn keep_page_buffers_out_of_the_heap() {}
