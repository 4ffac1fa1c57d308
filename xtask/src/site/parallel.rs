//! The heavy steps' work shared over every core: items are taken one at a time from a
//! common queue, so a core that drew small items takes more of them. What each item
//! yields depends on that item alone, so the output is the same however the work was
//! shared.

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

use anyhow::Context as _;

use crate::Result;

/// Stack of each worker: rendering a page natively recurses through the whole view
/// tree, deeper than a spawned thread's default 2 MiB is sure to hold.
const STACK: usize = 64 * 1024 * 1024;

/// How many threads the machine runs at once.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, NonZeroUsize::get)
}

/// `work` of every item, on every core, in the items' order. The first error stops the
/// workers from taking more items and is returned.
pub fn map<T, R, F>(items: &[T], work: F) -> Result<Vec<R>>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> Result<R> + Sync,
{
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let done: Mutex<Vec<(usize, R)>> = Mutex::new(Vec::with_capacity(items.len()));
    let worker = || -> Result {
        while !failed.load(Ordering::Relaxed) {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { break };
            match work(item) {
                Ok(r) => done.lock().expect("a worker panicked").push((i, r)),
                Err(e) => {
                    failed.store(true, Ordering::Relaxed);
                    return Err(e);
                }
            }
        }
        Ok(())
    };
    std::thread::scope(|scope| -> Result {
        let workers = (0..cores().min(items.len()))
            .map(|_| {
                std::thread::Builder::new()
                    .stack_size(STACK)
                    .spawn_scoped(scope, worker)
                    .context("starting a worker thread")
            })
            .collect::<Result<Vec<_>>>()?;
        workers
            .into_iter()
            .try_for_each(|w| w.join().expect("a worker thread panicked"))
    })?;
    let mut done = done.into_inner().expect("a worker panicked");
    done.sort_unstable_by_key(|(i, _)| *i);
    Ok(done.into_iter().map(|(_, r)| r).collect())
}

/// `work` on every item, on every core (see [`map`]).
pub fn for_each<T: Sync>(items: &[T], work: impl Fn(&T) -> Result + Sync) -> Result {
    map(items, work).map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_the_items_order() {
        let items: Vec<u64> = (0..1000).collect();
        let squares = map(&items, |&i| Ok(i * i)).unwrap();
        assert_eq!(squares, items.iter().map(|i| i * i).collect::<Vec<_>>());
        assert!(map(&[] as &[u8], |_| Ok(())).unwrap().is_empty());
    }

    #[test]
    fn an_error_is_returned() {
        let items: Vec<u32> = (0..100).collect();
        let e = for_each(&items, |&i| {
            if i == 57 {
                anyhow::bail!("item {i} failed")
            }
            Ok(())
        })
        .unwrap_err();
        assert_eq!(e.to_string(), "item 57 failed");
    }
}
