//! Reading a `NO_PROXY` list, and telling which targets are this machine.
//!
//! hyper-util's matcher does the matching itself; it compares host names and
//! addresses only. So that an entry may name a port, the list is split here
//! by port: entries without one go into every list, entries with one only into
//! the list for their port, and the rules keep one matcher per list. Entries
//! are also brought to the forms the matcher knows: `*.example.com` becomes
//! `.example.com`, and `[::1]` loses its brackets.

use std::net::IpAddr;

/// A `NO_PROXY` list split by port, each part a list again.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct NoProxy {
    /// The entries that name no port.
    pub(super) any_port: String,
    /// For each port that some entry names: the entries naming it, and those
    /// naming no port.
    pub(super) by_port: Vec<(u16, String)>,
}

impl NoProxy {
    pub(super) fn parse(list: &str) -> Self {
        let mut any_port = Vec::new();
        let mut by_port: Vec<(u16, Vec<String>)> = Vec::new();
        for entry in list.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let (host, port) = host_and_port(entry);
            let host = match host.strip_prefix("*.") {
                Some(domain) => format!(".{domain}"),
                None => host.to_owned(),
            };
            let Some(port) = port else {
                any_port.push(host);
                continue;
            };
            match by_port.iter().position(|(p, _)| *p == port) {
                Some(at) => by_port[at].1.push(host),
                None => by_port.push((port, vec![host])),
            }
        }

        let any_port = any_port.join(",");
        let by_port = by_port
            .into_iter()
            .map(|(port, hosts)| (port, format!("{any_port},{}", hosts.join(","))))
            .collect();
        Self { any_port, by_port }
    }
}

/// Parts `host:port`, `[v6]:port` and `[v6]` entries; bare IPv6 addresses and
/// CIDR blocks name no port.
fn host_and_port(entry: &str) -> (&str, Option<u16>) {
    if let Some(rest) = entry.strip_prefix('[') {
        if let Some((address, after)) = rest.split_once(']') {
            let port = after.strip_prefix(':').and_then(|p| p.parse().ok());
            return (address, port);
        }
    }
    if entry.contains('/') || entry.parse::<IpAddr>().is_ok() {
        return (entry, None);
    }
    match entry.rsplit_once(':') {
        Some((host, port)) if !host.contains(':') => match port.parse() {
            Ok(port) => (host, Some(port)),
            Err(_) => (entry, None),
        },
        _ => (entry, None),
    }
}

/// Whether `host`, as a URI has it (IPv6 in brackets), is this machine:
/// `localhost`, a name under `.localhost`, or a loopback address, an
/// IPv4-mapped one included.
pub(super) fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let name = host.trim_end_matches('.').to_ascii_lowercase();
    if name == "localhost" || name.ends_with(".localhost") {
        return true;
    }
    host.parse::<IpAddr>()
        .is_ok_and(|ip| ip.to_canonical().is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_part_into_host_and_port() {
        assert_eq!(host_and_port("h:80"), ("h", Some(80)));
        assert_eq!(host_and_port("10.0.0.1:80"), ("10.0.0.1", Some(80)));
        assert_eq!(host_and_port("[::1]:80"), ("::1", Some(80)));
        assert_eq!(host_and_port("[::1]"), ("::1", None));
        assert_eq!(host_and_port("::1"), ("::1", None));
        assert_eq!(host_and_port("fd00::/8"), ("fd00::/8", None));
        assert_eq!(host_and_port("h:x"), ("h:x", None));
    }

    #[test]
    fn entries_with_a_port_get_a_list_of_their_own() {
        let split = NoProxy::parse(" a, b:81 ,*.c, [::1]:81, d:82,,");
        assert_eq!(
            split,
            NoProxy {
                any_port: "a,.c".to_owned(),
                by_port: vec![(81, "a,.c,b,::1".to_owned()), (82, "a,.c,d".to_owned())],
            }
        );
    }

    #[test]
    fn an_empty_list_bypasses_nothing() {
        assert_eq!(NoProxy::parse(""), NoProxy::default());
    }

    #[test]
    fn loopback_names_and_addresses_are_this_machine() {
        for host in [
            "localhost",
            "LOCALHOST.",
            "emulator.localhost",
            "127.0.0.1",
            "127.3.4.5",
            "[::1]",
            "[::ffff:127.0.0.1]",
        ] {
            assert!(is_loopback(host), "{host}");
        }
        for host in ["0.0.0.0", "localhost.example", "10.0.0.1", "[::2]"] {
            assert!(!is_loopback(host), "{host}");
        }
    }
}
