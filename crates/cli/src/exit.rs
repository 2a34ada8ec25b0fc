//! How a failure looks to the shell: one `error:` line on stderr and an exit status.
//!
//! | status | when |
//! |---|---|
//! | 0 | the call succeeded |
//! | 1 | something was sent and it failed: the API refused, the exchange failed, or the answer did not decode |
//! | 2 | nothing was sent: bad arguments (clap's own usage errors, too many or empty ids) or bad configuration (no key, bad base URL) |

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

/// The one line printed for a failed call.
///
/// API errors read `error: <status> (<kind>): <message>`, then whichever of
/// `[code ..]`, `[param ..]`, `[request id ..]` and `[after N attempts]` apply.
/// Text from the server is escaped so the line stays one line.
pub fn error_line(error: &Error) -> String {
    let mut line = String::from("error: ");
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
        Error::Config(config) => return config_line(config),
        Error::Validation(validation) => {
            let validation = printable(&validation.to_string()).into_owned();
            let _ = write!(line, "invalid arguments: {validation}; nothing was sent");
        }
        other => line.push_str(&printable(&other.to_string())),
    }

    bracket(&mut line, "request id", error.request_id());
    if error.attempts() > 1 {
        let _ = write!(line, " [after {} attempts]", error.attempts());
    }
    line
}

/// The one line printed when the client cannot be configured.
pub fn config_line(error: &ConfigError) -> String {
    match error {
        ConfigError::MissingAdminKey => {
            "error: no admin key: set OPENAI_ADMIN_KEY (it is never read from a flag); \
             nothing was sent"
                .to_owned()
        }
        other => format!("error: invalid configuration: {other}; nothing was sent"),
    }
}

fn bracket(line: &mut String, label: &str, value: Option<&str>) {
    if let Some(value) = value {
        let _ = write!(line, " [{label} {}]", printable(value));
    }
}

#[cfg(test)]
mod tests {
    use openai_admin::{Client, TransportError, TransportErrorKind, ValidationError};
    use openai_admin_testing::{ScriptedResponse, ScriptedTransport};
    use serde_json::json;

    use super::*;

    /// The error of a deactivate call answered with `answer`, over a scripted transport.
    fn failed_deactivate(answer: ScriptedResponse) -> Error {
        let transport = ScriptedTransport::new();
        transport.push(answer);
        let client = Client::builder()
            .admin_key("sk-admin-unit-test-not-a-real-key")
            .base_url("http://127.0.0.1:9/v1")
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
    fn exit_codes_are_0_1_2() {
        assert_eq!(Status::Success as u8, 0);
        assert_eq!(Status::Failure as u8, 1);
        assert_eq!(Status::Usage as u8, 2);
    }
}
