//! Running many futures with at most a few in flight at once.

use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::task::Poll;

type Boxed<T> = Pin<Box<dyn Future<Output = T> + Send>>;

/// Runs `tasks` with at most `limit` (at least 1) polled at once, shows each output to
/// `on_ready` as it finishes, and returns the outputs in the order of `tasks`. Needs no
/// runtime of its own: everything is polled from the caller's task.
pub(crate) async fn run_bounded<T>(
    tasks: Vec<Boxed<T>>,
    limit: usize,
    on_ready: &mut (dyn FnMut(&T) + Send),
) -> Vec<T> {
    let limit = limit.max(1);
    let total = tasks.len();
    let mut waiting = tasks.into_iter().enumerate();
    let mut running: Vec<(usize, Boxed<T>)> = Vec::with_capacity(limit.min(total));
    let mut outputs: Vec<Option<T>> = (0..total).map(|_| None).collect();
    let mut done = 0;

    poll_fn(|cx| loop {
        while running.len() < limit {
            match waiting.next() {
                Some(task) => running.push(task),
                None => break,
            }
        }
        let before = running.len();
        running.retain_mut(|(index, task)| match task.as_mut().poll(cx) {
            Poll::Ready(output) => {
                on_ready(&output);
                outputs[*index] = Some(output);
                done += 1;
                false
            }
            Poll::Pending => true,
        });
        if done == total {
            return Poll::Ready(());
        }
        if running.len() == before {
            return Poll::Pending;
        }
    })
    .await;

    outputs
        .into_iter()
        .map(|output| output.expect("every task finished"))
        .collect()
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    use super::*;

    #[tokio::test]
    async fn keeps_order_and_bounds_concurrency() {
        let in_flight = Arc::new(AtomicUsize::new(0));
        let peak = Arc::new(AtomicUsize::new(0));
        let tasks: Vec<Boxed<usize>> = (0..10usize)
            .map(|i| {
                let (in_flight, peak) = (in_flight.clone(), peak.clone());
                Box::pin(async move {
                    let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                    peak.fetch_max(now, Ordering::SeqCst);
                    for _ in 0..(10 - i) {
                        tokio::task::yield_now().await;
                    }
                    in_flight.fetch_sub(1, Ordering::SeqCst);
                    i * 2
                }) as Boxed<usize>
            })
            .collect();

        let mut finished = Vec::new();
        let outputs = run_bounded(tasks, 3, &mut |output: &usize| finished.push(*output)).await;

        assert_eq!(outputs, (0..10).map(|i| i * 2).collect::<Vec<_>>());
        assert_eq!(
            finished[..3],
            [4, 2, 0],
            "the first window ends shortest first"
        );
        finished.sort_unstable();
        assert_eq!(finished, outputs);
        assert_eq!(peak.load(Ordering::SeqCst), 3);
    }

    #[tokio::test]
    async fn no_tasks_is_no_outputs() {
        assert!(run_bounded::<()>(Vec::new(), 4, &mut |_| {})
            .await
            .is_empty());
    }
}
