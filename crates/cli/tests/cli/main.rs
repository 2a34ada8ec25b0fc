//! The built `openai-admin` binary against servers on loopback HTTP.
//!
//! Each test starts its own emulator (or a scripted status server) on `127.0.0.1`,
//! runs the binary with an empty environment except `PATH` and the variables the test
//! sets, and checks the exit status, the exact output and what the server saw. Every
//! run also checks that the admin key appears in neither stdout nor stderr. No test
//! waits on a timer: retries are told to wait 0 ms, and deadlines are reached because
//! the server asks for a wait longer than the deadline.

mod served;
mod status_server;
mod temp_file;

mod bulk;
mod certificate;
mod completions;
mod list;
mod progress;
mod reliability;
mod toggle;
mod usage;
mod verbose;
