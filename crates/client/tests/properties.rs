//! Whatever a server answers, every operation ends in a value or in the error its
//! status class calls for, and never panics: arbitrary bytes and arbitrary JSON as
//! the body of 2xx and non-2xx answers, through a scripted transport, retries off.

use openai_admin::{Client, Error, ListParams, ManualClock};
use openai_admin_testing::{ScriptedResponse, ScriptedTransport};
use proptest::prelude::*;
use serde_json::Value;

const KEY: &str = "sk-admin-PROPERTIES-0123456789";

/// The most bytes of body an error quotes, before the `…` that marks a cut.
const SNIPPET_LIMIT: usize = 256;

/// Every operation, at both scopes.
#[derive(Debug, Clone, Copy)]
enum Operation {
    List,
    Upload,
    Retrieve,
    RetrieveWithContent,
    Modify,
    Delete,
    Activate,
    Deactivate,
    ProjectList,
    ProjectActivate,
    ProjectDeactivate,
}

const OPERATIONS: [Operation; 11] = [
    Operation::List,
    Operation::Upload,
    Operation::Retrieve,
    Operation::RetrieveWithContent,
    Operation::Modify,
    Operation::Delete,
    Operation::Activate,
    Operation::Deactivate,
    Operation::ProjectList,
    Operation::ProjectActivate,
    Operation::ProjectDeactivate,
];

async fn call(client: &Client, operation: Operation) -> Result<(), Error> {
    let organization = client.organization().certificates();
    let project = client.organization().project("proj_1").certificates();
    match operation {
        Operation::List => organization.list(ListParams::new()).await.map(drop),
        Operation::Upload => organization.upload("PEM", None).await.map(drop),
        Operation::Retrieve => organization.retrieve("cert_a").await.map(drop),
        Operation::RetrieveWithContent => {
            organization.retrieve_with_content("cert_a").await.map(drop)
        }
        Operation::Modify => organization.modify("cert_a", "name").await.map(drop),
        Operation::Delete => organization.delete("cert_a").await.map(drop),
        Operation::Activate => organization.activate(["cert_a"]).await.map(drop),
        Operation::Deactivate => organization.deactivate(["cert_a"]).await.map(drop),
        Operation::ProjectList => project.list(ListParams::new()).await.map(drop),
        Operation::ProjectActivate => project.activate(["cert_a"]).await.map(drop),
        Operation::ProjectDeactivate => project.deactivate(["cert_a"]).await.map(drop),
    }
}

/// Answers every operation with `status` and `body`, once each, and returns what
/// each call ended in.
fn answer_every_operation(status: u16, body: &[u8]) -> Vec<(Operation, Result<(), Error>)> {
    let transport = ScriptedTransport::new();
    let client = Client::builder()
        .admin_key(KEY)
        .base_url("http://127.0.0.1:9/v1")
        .transport(transport.clone())
        .clock(ManualClock::default())
        .max_retries(0)
        .build()
        .unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();

    let outcomes: Vec<_> = OPERATIONS
        .iter()
        .map(|&operation| {
            let answer = ScriptedResponse::new(status)
                .header("x-request-id", "req_prop")
                .body(body.to_vec());
            transport.push(answer);
            (operation, runtime.block_on(call(&client, operation)))
        })
        .collect();

    assert_eq!(transport.requests().len(), OPERATIONS.len());
    assert_eq!(transport.remaining(), 0);
    outcomes
}

fn snippet_is_bounded(snippet: Option<&str>) -> bool {
    snippet.is_none_or(|snippet| {
        snippet.strip_suffix('…').unwrap_or(snippet).len() <= SNIPPET_LIMIT
            && (snippet.len() <= SNIPPET_LIMIT || snippet.ends_with('…'))
    })
}

fn check_success_class(status: u16, body: &[u8]) -> Result<(), TestCaseError> {
    for (operation, outcome) in answer_every_operation(status, body) {
        let Err(error) = outcome else { continue };
        let Error::Decode(decode) = &error else {
            return Err(TestCaseError::fail(format!(
                "{operation:?}: a {status} answer ended in {error:?}"
            )));
        };
        prop_assert_eq!(decode.status.as_u16(), status);
        prop_assert_eq!(decode.request_id.as_deref(), Some("req_prop"));
        prop_assert_eq!(decode.attempts, 1);
        prop_assert!(
            snippet_is_bounded(decode.snippet.as_deref()),
            "{:?}: snippet of {} bytes",
            operation,
            decode.snippet.as_ref().map_or(0, String::len)
        );
        prop_assert!(!error.to_string().is_empty());
    }
    Ok(())
}

fn check_failure_class(status: u16, body: &[u8]) -> Result<(), TestCaseError> {
    for (operation, outcome) in answer_every_operation(status, body) {
        let error = match outcome {
            Ok(()) => {
                return Err(TestCaseError::fail(format!(
                    "{operation:?}: a {status} answer succeeded"
                )))
            }
            Err(error) => error,
        };
        let Error::Api(api) = &error else {
            return Err(TestCaseError::fail(format!(
                "{operation:?}: a {status} answer ended in {error:?}"
            )));
        };
        prop_assert_eq!(api.status.as_u16(), status);
        prop_assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
        prop_assert_eq!(api.request_id.as_deref(), Some("req_prop"));
        prop_assert_eq!(api.attempts, 1);
        prop_assert!(
            snippet_is_bounded(api.snippet.as_deref()),
            "{:?}: snippet of {} bytes",
            operation,
            api.snippet.as_ref().map_or(0, String::len)
        );
        prop_assert!(!error.to_string().is_empty());
    }
    Ok(())
}

/// Any JSON value, leaning towards the field names the API uses so that some values
/// come close to a real answer or a real error body.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| {
            serde_json::Number::from_f64(f).map(Value::Number)
        }),
        ".{0,300}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|fields| Value::Object(fields.into_iter().collect())),
        ]
    })
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "object",
            "id",
            "data",
            "has_more",
            "first_id",
            "last_id",
            "created_at",
            "certificate_details",
            "error",
            "message",
            "type",
            "code",
        ])
        .prop_map(str::to_owned),
        ".{0,12}",
    ]
}

fn success_status() -> impl Strategy<Value = u16> {
    200u16..=299
}

fn failure_status() -> impl Strategy<Value = u16> {
    prop_oneof![100u16..=199, 300u16..=999]
}

fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), 0..700)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn arbitrary_bytes_in_a_2xx_answer_decode_or_fail_to_decode(
        status in success_status(),
        body in bytes(),
    ) {
        check_success_class(status, &body)?;
    }

    #[test]
    fn arbitrary_json_in_a_2xx_answer_decodes_or_fails_to_decode(
        status in success_status(),
        body in json_value(),
    ) {
        check_success_class(status, body.to_string().as_bytes())?;
    }

    #[test]
    fn arbitrary_bytes_in_any_other_answer_are_an_api_error(
        status in failure_status(),
        body in bytes(),
    ) {
        check_failure_class(status, &body)?;
    }

    #[test]
    fn arbitrary_json_in_any_other_answer_is_an_api_error(
        status in failure_status(),
        body in json_value(),
    ) {
        check_failure_class(status, body.to_string().as_bytes())?;
    }
}

#[test]
fn a_long_undecodable_body_is_quoted_in_256_bytes_and_a_mark() {
    let body = "x".repeat(5000);
    for (operation, outcome) in answer_every_operation(200, body.as_bytes()) {
        let Err(Error::Decode(decode)) = outcome else {
            panic!("{operation:?}: {outcome:?}")
        };
        assert_eq!(
            decode.snippet,
            Some(format!("{}…", "x".repeat(SNIPPET_LIMIT))),
            "{operation:?}"
        );
    }
}
