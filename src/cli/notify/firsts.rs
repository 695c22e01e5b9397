//! The first failing ads in file order, however many fail and in
//! whatever order their results come.

use std::collections::BinaryHeap;

use super::FailingAd;

/// The first ads in file order, at most `cap` of them.
#[derive(Debug, Default)]
pub(super) struct Firsts {
    cap: usize,
    heap: BinaryHeap<Kept>,
}

/// A failing ad and its place in the campaign file, ordered by the place.
#[derive(Debug)]
struct Kept(usize, FailingAd);

impl PartialEq for Kept {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}
impl Eq for Kept {}
impl PartialOrd for Kept {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Kept {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.cmp(&other.0)
    }
}

impl Firsts {
    pub(super) fn new(cap: usize) -> Self {
        Self {
            cap,
            heap: BinaryHeap::new(),
        }
    }

    /// Whether an ad at `position` would be kept.
    pub(super) fn admits(&self, position: usize) -> bool {
        self.heap.len() < self.cap || self.heap.peek().is_some_and(|last| position < last.0)
    }

    pub(super) fn push(&mut self, position: usize, ad: FailingAd) {
        if !self.admits(position) {
            return;
        }
        self.heap.push(Kept(position, ad));
        if self.heap.len() > self.cap {
            self.heap.pop();
        }
    }

    /// The ads kept, in file order.
    pub(super) fn in_order(&self) -> Vec<&FailingAd> {
        let mut kept: Vec<&Kept> = self.heap.iter().collect();
        kept.sort();
        kept.into_iter().map(|k| &k.1).collect()
    }
}
