//! The process's resident memory, from `/proc/self/status` (Linux only).

/// The resident set size at one moment, in KiB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rss {
    /// The peak so far (`VmHWM`).
    pub peak_kib: u64,
    /// The current size (`VmRSS`).
    pub current_kib: u64,
}

/// Both sizes from one reading of `/proc/self/status`, so the peak is never below
/// the current size; `None` where `/proc` does not say.
pub fn now() -> Option<Rss> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    Some(Rss {
        peak_kib: field_kib(&status, "VmHWM")?,
        current_kib: field_kib(&status, "VmRSS")?,
    })
}

/// Reads a `Name:   1234 kB` line of a status file.
fn field_kib(status: &str, name: &str) -> Option<u64> {
    status.lines().find_map(|line| {
        let value = line.strip_prefix(name)?.strip_prefix(':')?;
        value.trim().strip_suffix("kB")?.trim().parse().ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_named_line_in_kib() {
        let status = "Name:\tbench\nVmPeak:\t  20000 kB\nVmHWM:\t    5120 kB\nVmRSS:\t 4096 kB\n";
        assert_eq!(field_kib(status, "VmHWM"), Some(5120));
        assert_eq!(field_kib(status, "VmRSS"), Some(4096));
        assert_eq!(field_kib(status, "VmSwap"), None);
    }

    #[test]
    fn this_process_has_a_peak_at_least_its_current_size() {
        if let Some(rss) = now() {
            assert!(rss.peak_kib >= rss.current_kib && rss.current_kib > 0);
        }
    }
}
