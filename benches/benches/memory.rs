//! Memory: allocations per call, counted by a global allocator, and the peak
//! resident set size of a 10,000-call run.
//!
//! The allocator counts only on threads that have switched counting on. The client
//! runs on a single-threaded runtime on the main thread, so what it allocates,
//! including hyper's connection task, is counted; the loopback server has its own
//! thread and is not. The peak RSS is the whole process's (`VmHWM`), server
//! included, so it is an upper bound for the client.

// The workspace forbids unsafe code and this package denies it; this binary alone
// allows it, because a `GlobalAlloc` must be an `unsafe impl`. The impl only counts
// and forwards every call unchanged to the system allocator.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};

use bytes::Bytes;
use openai_admin::types::{Certificate, Page};
use openai_admin::{Client, HttpSend};
use openai_admin_bench::baseline::Baseline;
use openai_admin_bench::fixed_answer::FixedAnswer;
use openai_admin_bench::minimal::MinimalPage;
use openai_admin_bench::report::{figure, round};
use openai_admin_bench::server::LoopbackServer;
use openai_admin_bench::{admin, fixture, keep_unknown, rss};

const RSS_RUN_CALLS: usize = 10_000;
const COUNTED_CALLS: u64 = 1_000;
const COUNTED_DECODES: u64 = 1_000;

/// The system allocator, counting allocations on threads that asked for it.
struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
}

fn counting_here() -> bool {
    COUNTING.try_with(Cell::get).unwrap_or(false)
}

fn count(size: usize) {
    if counting_here() {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(size as u64, Ordering::Relaxed);
    }
}

// SAFETY: every method forwards its arguments unchanged to `System`, which upholds
// the `GlobalAlloc` contract; counting touches only atomics and a const-initialised
// thread-local, neither of which allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: the caller's guarantees for `layout` are passed on as they are.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size);
        // SAFETY: `ptr` and `layout` came from this allocator, which is `System`'s.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as for `realloc`.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations and bytes asked for by `work` on this thread, per unit of work.
fn counted<T>(units: u64, work: impl FnOnce() -> T) -> (f64, f64) {
    let (allocations, bytes) = (
        ALLOCATIONS.load(Ordering::Relaxed),
        BYTES.load(Ordering::Relaxed),
    );
    COUNTING.with(|on| on.set(true));
    black_box(work());
    COUNTING.with(|on| on.set(false));
    let allocations = ALLOCATIONS.load(Ordering::Relaxed) - allocations;
    let bytes = BYTES.load(Ordering::Relaxed) - bytes;
    (
        allocations as f64 / units as f64,
        bytes as f64 / units as f64,
    )
}

fn main() {
    let server = LoopbackServer::start();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("build the client runtime");
    let client = admin::client(&server, usize::MAX);
    let baseline = runtime
        .block_on(Baseline::mirror(&server, &client, usize::MAX))
        .unwrap_or_else(|reason| panic!("{reason}"));

    peak_rss(&runtime, &client);
    calls(&runtime, &client, &baseline);
    client_parts(&runtime);
    decodes();
}

/// Where the client's allocations come from, without a network: making the call
/// (ids collected, checked and serialized), and a whole call over an in-memory
/// transport answering an empty page, whose transport and decoding are counted
/// apart so that what is left is the client's own.
fn client_parts(runtime: &tokio::runtime::Runtime) {
    let client = admin::with_transport(admin::IN_MEMORY_BASE_URL, FixedAnswer::empty_page());
    let empty = FixedAnswer::empty_page();
    let empty_body = runtime
        .block_on(empty.send(http::Request::new(Bytes::new())))
        .expect("the fixed answer never fails")
        .into_body();

    let parts = [
        (
            "make_call",
            counted(COUNTED_CALLS, || {
                for _ in 0..COUNTED_CALLS {
                    let call = client
                        .organization()
                        .certificates()
                        .deactivate(fixture::CERTIFICATE_IDS);
                    drop(black_box(call));
                }
            }),
        ),
        (
            "in_memory_call",
            counted(COUNTED_CALLS, || {
                runtime.block_on(async {
                    for _ in 0..COUNTED_CALLS {
                        deactivate(&client).await;
                    }
                });
            }),
        ),
        (
            "in_memory_transport",
            counted(COUNTED_CALLS, || {
                runtime.block_on(async {
                    for _ in 0..COUNTED_CALLS {
                        let request = http::Request::new(Bytes::new());
                        black_box(empty.send(request).await.expect("never fails"));
                    }
                });
            }),
        ),
        (
            "empty_page_decode",
            counted(COUNTED_CALLS, || {
                for _ in 0..COUNTED_CALLS {
                    let page: Page<Certificate> =
                        serde_json::from_slice(&empty_body).expect("decodes");
                    black_box(page);
                }
            }),
        ),
    ];
    for (name, (allocations, bytes)) in parts {
        println!("memory: {name:<20} {allocations:>6.1} allocations, {bytes:>8.0} bytes each");
        figure(&format!("memory.{name}_allocations"), round(allocations, 1));
        figure(&format!("memory.{name}_bytes"), round(bytes, 0));
    }
}

/// The 10,000-call run, first, so nothing else has raised the high-water mark.
fn peak_rss(runtime: &tokio::runtime::Runtime, client: &Client) {
    let before = rss::now();
    runtime.block_on(async {
        for _ in 0..RSS_RUN_CALLS {
            deactivate(client).await;
        }
    });
    let (Some(before), Some(after)) = (before, rss::now()) else {
        println!("memory: /proc/self/status has no VmHWM here; no RSS figures");
        return;
    };
    let (before, current, after) = (before.peak_kib, after.current_kib, after.peak_kib);
    println!(
        "memory: peak RSS {:.1} MiB after {RSS_RUN_CALLS} calls ({:.1} MiB before them, {:.1} MiB now)",
        after as f64 / 1024.0,
        before as f64 / 1024.0,
        current as f64 / 1024.0
    );
    figure("memory.rss_run_calls", RSS_RUN_CALLS);
    figure("memory.peak_rss_before_kib", before);
    figure("memory.peak_rss_kib", after);
    figure("memory.rss_after_kib", current);
}

fn calls(runtime: &tokio::runtime::Runtime, client: &Client, baseline: &Baseline) {
    let client_counts = counted(COUNTED_CALLS, || {
        runtime.block_on(async {
            for _ in 0..COUNTED_CALLS {
                deactivate(client).await;
            }
        });
    });
    let baseline_counts = counted(COUNTED_CALLS, || {
        runtime.block_on(async {
            for _ in 0..COUNTED_CALLS {
                black_box(baseline.send().await.expect("the baseline's call succeeds"));
            }
        });
    });
    for (name, (allocations, bytes)) in [("client", client_counts), ("baseline", baseline_counts)] {
        println!("memory: {name:<9} {allocations:>6.1} allocations, {bytes:>8.0} bytes per call");
        figure(
            &format!("memory.{name}_allocations_per_call"),
            round(allocations, 1),
        );
        figure(&format!("memory.{name}_bytes_per_call"), round(bytes, 0));
    }
}

/// Decodes one body into some model and drops it.
type Decode = fn(&[u8]);

fn decodes() {
    let body = fixture::page_body();
    let models: [(&str, Decode); 3] = [
        ("typed", |body| {
            let page: Page<Certificate> = serde_json::from_slice(body).expect("decodes");
            black_box(page);
        }),
        ("minimal", |body| {
            let page: MinimalPage = serde_json::from_slice(body).expect("decodes");
            black_box(page);
        }),
        ("keep_unknown", |body| {
            black_box(keep_unknown::page_from_slice(body).expect("decodes"));
        }),
    ];
    for (name, decode) in models {
        let (allocations, bytes) = counted(COUNTED_DECODES, || {
            for _ in 0..COUNTED_DECODES {
                decode(&body);
            }
        });
        println!(
            "memory: decode {name:<12} {allocations:>6.1} allocations, {bytes:>8.0} bytes per page"
        );
        figure(
            &format!("memory.decode_{name}_allocations"),
            round(allocations, 1),
        );
        figure(&format!("memory.decode_{name}_bytes"), round(bytes, 0));
    }
}

async fn deactivate(client: &Client) {
    let page = client
        .organization()
        .certificates()
        .deactivate(fixture::CERTIFICATE_IDS)
        .await
        .expect("the client's call succeeds");
    black_box(page);
}
