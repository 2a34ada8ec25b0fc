//! How a failure looks to the shell: one `error:` line on stderr and an exit status.
//!
//! | status | when |
//! |---|---|
//! | 0 | the call succeeded |
//! | 1 | something was sent and it failed: the API refused, the exchange failed, the answer did not decode, or a batch of a bulk toggle failed |
//! | 2 | nothing was sent: bad arguments (clap's own usage errors, an empty id, a limit outside 1 to 100, an unreadable or empty PEM file) or bad configuration (no key, bad base URL) |

use std::fmt::Write as _;
use std::process::ExitCode;

use openai_admin::{ConfigError, Error};

use crate::printable::printable;

/// The exit status of a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// 0: the call succeeded.
    Success = 0,
    /// 1: a request was sent and the call failed.
    Failure = 1,
    /// 2: nothing was sent, because the arguments or configuration were invalid.
    /// clap exits with this same status for its own usage errors.
    Usage = 2,
}

impl Status {
    /// The status for a failed call.
    pub fn of(error: &Error) -> Self {
        if error.is_usage() {
            Self::Usage
        } else {
            Self::Failure
        }
    }
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> Self {
        ExitCode::from(status as u8)
    }
}

/// Reports a failed call on stderr and says how to exit.
pub fn error(error: &Error) -> Status {
    eprintln!("{}", error_line(error));
    Status::of(error)
}

/// Reports a client that could not be built on stderr; nothing was sent.
pub fn config_error(error: &ConfigError) -> Status {
    eprintln!("{}", config_line(error));
    Status::Usage
}

/// Reports arguments the command itself refused (such as an unreadable file) on
/// stderr; nothing was sent.
pub fn usage(reason: &str) -> Status {
    eprintln!("error: {reason}; nothing was sent");
    Status::Usage
}

/// Reports a failure after sending that is not one call's error (such as output that
/// could not be written) on stderr.
pub fn failure(reason: &str) -> Status {
    eprintln!("error: {reason}");
    Status::Failure
}

/// The one line printed for a failed call: `error: ` and its [`describe`].
pub fn error_line(error: &Error) -> String {
    format!("error: {}", describe(error))
}

/// A failed call in one line, without the `error: ` prefix.
///
/// API errors read `<status> (<kind>): <message>`, then whichever of `[code ..]`,
/// `[param ..]`, `[request id ..]` and `[after N attempts]` apply. A deadline reads
/// `deadline of 2s reached after 3 attempts; last error: ...` with the last error's
/// request id after it. Text from the server is escaped so the line stays one line.
pub fn describe(error: &Error) -> String {
    let mut line = reason(error);
    bracket(&mut line, "request id", error.request_id());
    // A deadline says how many attempts it took in its own words.
    if error.attempts() > 1 && !error.is_deadline() {
        let _ = write!(line, " [after {} attempts]", error.attempts());
    }
    line
}

/// What went wrong, without the request id and the attempts.
fn reason(error: &Error) -> String {
    let mut line = String::new();
    match error {
        Error::Api(api) => {
            let message = match (&api.message, &api.snippet) {
                (message, _) if !message.is_empty() => message.as_str(),
                (_, Some(snippet)) => snippet.as_str(),
                _ => "the answer gave no message",
            };
            let _ = write!(
                line,
                "{} ({}): {}",
                api.status.as_u16(),
                api.kind,
                printable(message)
            );
            bracket(&mut line, "code", api.code.as_deref());
            bracket(&mut line, "param", api.param.as_deref());
        }
        Error::Decode(decode) => {
            let _ = write!(
                line,
                "{} (undecodable answer): {}",
                decode.status.as_u16(),
                printable(&decode.reason)
            );
            let snippet = decode
                .snippet
                .as_ref()
                .map(|snippet| format!("{snippet:?}"));
            bracket(&mut line, "body starts", snippet.as_deref());
        }
        Error::Transport { source, .. } => line.push_str(&printable(&source.to_string())),
        Error::Config(config) => line.push_str(&config_reason(config)),
        Error::Validation(validation) => {
            let validation = printable(&validation.to_string()).into_owned();
            let _ = write!(line, "invalid arguments: {validation}; nothing was sent");
        }
        Error::Deadline {
            deadline,
            attempts,
            last,
        } => {
            let s = if *attempts == 1 { "" } else { "s" };
            let _ = write!(
                line,
                "deadline of {deadline:?} reached after {attempts} attempt{s}"
            );
            if let Some(last) = last {
                let _ = write!(line, "; last error: {}", reason(last));
            }
        }
        other => line.push_str(&printable(&other.to_string())),
    }
    line
}

/// The one line printed when the client cannot be configured.
pub fn config_line(error: &ConfigError) -> String {
    format!("error: {}", config_reason(error))
}

fn config_reason(error: &ConfigError) -> String {
    match error {
        ConfigError::MissingAdminKey => {
            "no admin key: set OPENAI_ADMIN_KEY (it is never read from a flag); nothing was \
             sent"
                .to_owned()
        }
        other => format!("invalid configuration: {other}; nothing was sent"),
    }
}

fn bracket(line: &mut String, label: &str, value: Option<&str>) {
    if let Some(value) = value {
        let _ = write!(line, " [{label} {}]", printable(value));
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use openai_admin::{Client, TransportError, TransportErrorKind, ValidationError};
    use openai_admin_testing::{ScriptedResponse, ScriptedTransport};
    use serde_json::json;

    use super::*;

    /// The error of a deactivate call answered with `answer`, over a scripted transport,
    /// with no retries (so a retryable status never waits for a backoff).
    fn failed_deactivate(answer: ScriptedResponse) -> Error {
        let transport = ScriptedTransport::new();
        transport.push(answer);
        let client = Client::builder()
            .admin_key("sk-admin-unit-test-not-a-real-key")
            .base_url("http://127.0.0.1:9/v1")
            .max_retries(0)
            .transport(transport)
            .build()
            .unwrap();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();

        runtime
            .block_on(async {
                client
                    .organization()
                    .certificates()
                    .deactivate(["cert_a"])
                    .await
            })
            .unwrap_err()
    }

    #[test]
    fn api_errors_exit_1_with_status_kind_message_and_request_id() {
        let body = json!({"error": {"message": "No certificate found with id 'cert_a'.",
            "type": "invalid_request_error", "code": null, "param": null}});
        let error =
            failed_deactivate(ScriptedResponse::json(404, &body).header("x-request-id", "req_1"));

        assert_eq!(Status::of(&error), Status::Failure);
        assert_eq!(
            error_line(&error),
            "error: 404 (not found): No certificate found with id 'cert_a'. [request id req_1]"
        );
    }

    #[test]
    fn api_errors_show_code_and_param_and_escape_the_message() {
        let body = json!({"error": {"message": "bad\nid", "type": "invalid_request_error",
            "code": "invalid_id", "param": "certificate_ids"}});
        let error = failed_deactivate(ScriptedResponse::json(400, &body));

        assert_eq!(
            error_line(&error),
            "error: 400 (bad request): bad\\nid [code invalid_id] [param certificate_ids]"
        );
    }

    #[test]
    fn api_errors_without_the_usual_shape_show_a_snippet() {
        let error = failed_deactivate(
            ScriptedResponse::new(403)
                .body("<html>denied</html>")
                .header("x-request-id", "r"),
        );
        let line = error_line(&error);
        assert!(
            line.starts_with("error: 403 (permission denied): "),
            "{line}"
        );
        assert!(line.ends_with(" [request id r]"), "{line}");
    }

    #[test]
    fn undecodable_answers_exit_1_with_reason_and_snippet() {
        let error = failed_deactivate(
            ScriptedResponse::new(200)
                .body("not json")
                .header("x-request-id", "req_2"),
        );

        assert_eq!(Status::of(&error), Status::Failure);
        let line = error_line(&error);
        assert!(
            line.starts_with("error: 200 (undecodable answer): "),
            "{line}"
        );
        assert!(
            line.ends_with(" [body starts \"not json\"] [request id req_2]"),
            "{line}"
        );
    }

    #[test]
    fn validation_errors_exit_2_and_say_nothing_was_sent() {
        let error =
            Error::Validation(ValidationError::TooManyCertificateIds { count: 11, max: 10 });
        assert_eq!(Status::of(&error), Status::Usage);
        assert_eq!(
            error_line(&error),
            "error: invalid arguments: certificate_ids has 11 ids; at most 10 are accepted per \
             call; nothing was sent"
        );
    }

    #[test]
    fn config_errors_exit_2() {
        let error = Error::Config(ConfigError::MissingAdminKey);
        assert_eq!(Status::of(&error), Status::Usage);
        assert_eq!(
            error_line(&error),
            "error: no admin key: set OPENAI_ADMIN_KEY (it is never read from a flag); nothing \
             was sent"
        );
        assert_eq!(
            config_line(&ConfigError::MissingTransport),
            "error: invalid configuration: no transport: pass one to the builder or enable the \
             `hyper` feature; nothing was sent"
        );
    }

    #[test]
    fn transport_errors_exit_1_and_count_attempts() {
        let source = TransportError::new(TransportErrorKind::Connect, "127.0.0.1:9: refused");
        let error = Error::Transport {
            source,
            attempts: 3,
        };
        assert_eq!(Status::of(&error), Status::Failure);
        assert_eq!(
            error_line(&error),
            "error: could not connect: 127.0.0.1:9: refused [after 3 attempts]"
        );

        let source = TransportError::new(TransportErrorKind::Timeout, "");
        let error = Error::Transport {
            source,
            attempts: 1,
        };
        assert_eq!(error_line(&error), "error: timed out");
    }

    #[test]
    fn deadlines_name_the_attempts_and_the_last_error_with_its_request_id() {
        let body = json!({"error": {"message": "The server had an error.",
            "type": "server_error", "code": null, "param": null}});
        let last =
            failed_deactivate(ScriptedResponse::json(500, &body).header("x-request-id", "req_3"));
        let error = Error::Deadline {
            deadline: Duration::from_secs(2),
            attempts: 3,
            last: Some(Box::new(last)),
        };

        assert_eq!(Status::of(&error), Status::Failure);
        assert_eq!(
            error_line(&error),
            "error: deadline of 2s reached after 3 attempts; last error: 500 (server): The \
             server had an error. [request id req_3]"
        );
    }

    #[test]
    fn deadlines_without_a_finished_attempt_say_so_plainly() {
        let error = Error::Deadline {
            deadline: Duration::from_millis(1_500),
            attempts: 1,
            last: None,
        };
        assert_eq!(
            error_line(&error),
            "error: deadline of 1.5s reached after 1 attempt"
        );
    }

    #[test]
    fn describe_is_the_line_without_its_prefix() {
        let error = Error::Validation(ValidationError::NoCertificateIds);
        assert_eq!(
            describe(&error),
            "invalid arguments: certificate_ids must not be empty; nothing was sent"
        );
    }

    #[test]
    fn exit_codes_are_0_1_2() {
        assert_eq!(Status::Success as u8, 0);
        assert_eq!(Status::Failure as u8, 1);
        assert_eq!(Status::Usage as u8, 2);
    }
}
