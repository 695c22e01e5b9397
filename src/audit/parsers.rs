//! The parsers: one thread per core that turns fetched pages into facts,
//! taking the next waiting page as soon as it is done with one. Only that
//! many page trees are alive at once, while the fetches go on and their
//! bodies wait in line.

use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, LazyLock, Mutex};
use std::thread::{self, Result as Outcome};

use tokio::sync::oneshot;

use crate::extract::{extract_page, PageFacts};
use crate::page::Page;

/// A page to read, and where its facts go.
type Job = (Page, oneshot::Sender<(Page, Outcome<PageFacts>)>);

/// The line of pages the parser threads take from.
static LINE: LazyLock<Sender<Job>> = LazyLock::new(|| {
    let (line, jobs) = mpsc::channel::<Job>();
    let jobs = Arc::new(Mutex::new(jobs));
    let cores = thread::available_parallelism().map_or(2, std::num::NonZero::get);
    for n in 0..cores {
        let jobs = Arc::clone(&jobs);
        // A thread that cannot start leaves the others to do its share.
        let _ = thread::Builder::new()
            .name(format!("landcheck-parser-{n}"))
            .spawn(move || parse(&jobs));
    }
    line
});

/// Reads pages from `jobs` until the line closes.
fn parse(jobs: &Mutex<Receiver<Job>>) {
    loop {
        // The lock is held while waiting, so one thread at a time waits.
        let job = match jobs.lock() {
            Ok(jobs) => jobs.recv(),
            Err(poisoned) => poisoned.into_inner().recv(),
        };
        let Ok((page, reply)) = job else { return };
        let facts = panic::catch_unwind(AssertUnwindSafe(|| extract_page(&page)));
        // The audit may have stopped waiting for this page.
        let _ = reply.send((page, facts));
    }
}

/// The facts of `page`, read on a parser thread.
pub(crate) async fn read(page: Page) -> (Page, PageFacts) {
    let (reply, facts) = oneshot::channel();
    if let Err(mpsc::SendError((page, _))) = LINE.send((page, reply)) {
        // No parser thread could start: read the page here.
        let facts = extract_page(&page);
        return (page, facts);
    }
    let (page, facts) = facts.await.expect("a parser thread answers every page");
    match facts {
        Ok(facts) => (page, facts),
        Err(panicked) => panic::resume_unwind(panicked),
    }
}
