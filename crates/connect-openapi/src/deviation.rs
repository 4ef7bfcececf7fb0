//! The one list of what the check tolerates beyond the OpenAPI document, each with its
//! reason. Nothing else is tolerated: an exchange the document does not allow and this list
//! does not name is a [`Violation`](crate::Violation).

/// One tolerated departure from the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Tolerance {
    /// An answer's `property` of the component `schema` may be `null`, though the document
    /// types it without `nullable`.
    NullProperty {
        /// The component under `components/schemas`.
        schema: &'static str,
        /// The property.
        property: &'static str,
    },
    /// `status` is answered by `operation` (an `operationId`, or `*` for every one) though
    /// the document does not declare it there; the body must still be the component `body`.
    UndeclaredStatus {
        /// The `operationId`, or `*`.
        operation: &'static str,
        /// The HTTP status.
        status: u16,
        /// The component the body must match.
        body: &'static str,
        /// Only answers carrying this header (name, value).
        marked: Option<(&'static str, &'static str)>,
    },
    /// The query parameter `parameter` of `operation` may also take `value`, beyond the
    /// document's `enum`.
    QueryValue {
        /// The `operationId`.
        operation: &'static str,
        /// The query parameter.
        parameter: &'static str,
        /// The extra value.
        value: &'static str,
    },
    /// A request's `property` of the component `schema` may be the text of an integer the
    /// document allows (`"5"` for `5`).
    IntegerAsText {
        /// The component under `components/schemas`.
        schema: &'static str,
        /// The property.
        property: &'static str,
    },
    /// A query parameter the document types as one value may be given several times; the
    /// last one is read (and checked).
    RepeatedParameterLastWins,
    /// A request outside the document, answered 400 with the API's validation error: tests
    /// send invalid input on purpose to see the API refuse it. The answer is checked as any.
    RefusedRequest,
}

/// A tolerance and why it is there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deviation {
    /// What is tolerated.
    pub tolerance: Tolerance,
    /// Why: the documentation or behaviour that forces it.
    pub reason: &'static str,
}

/// The header the sandbox's fault control puts on the answers it injects.
pub const FAULT_HEADER: (&str, &str) = ("x-sandbox-fault", "injected");

/// Every tolerated departure from the document.
///
/// # Examples
/// ```
/// use connect_openapi::{DEVIATIONS, Tolerance};
/// assert!(DEVIATIONS.iter().all(|deviation| !deviation.reason.is_empty()));
/// // A price band's `date_from` is never tolerated as null.
/// assert!(!DEVIATIONS.iter().any(|deviation| matches!(deviation.tolerance,
///     Tolerance::NullProperty { property: "date_from", .. })));
/// ```
pub const DEVIATIONS: &[Deviation] = &[
    Deviation {
        tolerance: Tolerance::NullProperty {
            schema: "TimePriceItem",
            property: "time_from",
        },
        reason: "A band without a start time starts at midnight: the docs' blocking-fee \
                 example publishes `time_from: null` (docs/pricing.md).",
    },
    Deviation {
        tolerance: Tolerance::NullProperty {
            schema: "TimePriceItem",
            property: "time_to",
        },
        reason: "A band without an end time runs to midnight: the docs' blocking-fee example \
                 publishes `time_to: null` (docs/pricing.md).",
    },
    Deviation {
        tolerance: Tolerance::NullProperty {
            schema: "TimePriceItem",
            property: "date_to",
        },
        reason: "A tariff with no end date is open-ended: every example of the docs \
                 publishes `date_to: null` (docs/pricing.md).",
    },
    Deviation {
        tolerance: Tolerance::NullProperty {
            schema: "ConnectAPIBillingDetails",
            property: "line1",
        },
        reason: "A new user's billing details: the docs' example answers `line1: null` \
                 (docs/sandbox.md, the schemathesis check ST108).",
    },
    Deviation {
        tolerance: Tolerance::NullProperty {
            schema: "ConnectAPIBillingDetails",
            property: "postal_code",
        },
        reason: "A new user's billing details: the docs' example answers `postal_code: null` \
                 (docs/sandbox.md, the schemathesis check ST108).",
    },
    Deviation {
        tolerance: Tolerance::QueryValue {
            operation: "users_setup_intents_retrieve",
            parameter: "pm_type",
            value: "paypal",
        },
        reason: "The docs' getting-started page says setup intents support `card` and \
                 `paypal`; the document's enum has `card` only.",
    },
    Deviation {
        tolerance: Tolerance::IntegerAsText {
            schema: "PatchedConnectAPIChargingSession",
            property: "rates",
        },
        reason: "The docs' playground rates a session with `{\"rates\": \"5\"}` (text), which \
                 Django REST framework reads as the integer.",
    },
    Deviation {
        tolerance: Tolerance::RepeatedParameterLastWins,
        reason: "Django reads a repeated query parameter's last value (`QueryDict`), and the \
                 sandbox does the same (docs/sandbox.md); the document says nothing of \
                 repeats.",
    },
    Deviation {
        tolerance: Tolerance::UndeclaredStatus {
            operation: "users_list",
            status: 404,
            body: "Detail",
            marked: None,
        },
        reason: "Django REST framework's page-number pagination answers a page that is not \
                 there with 404 `{\"detail\": \"Invalid page.\"}`; the document declares no \
                 404 for this list (docs/sandbox.md).",
    },
    Deviation {
        tolerance: Tolerance::UndeclaredStatus {
            operation: "users_charging_start_create",
            status: 400,
            body: "ErrorDetail",
            marked: None,
        },
        reason: "A start without `evse_id` or `payment_method_id` is a validation error; the \
                 document lists no 400 for start (docs/sandbox.md).",
    },
    Deviation {
        tolerance: Tolerance::UndeclaredStatus {
            operation: "*",
            status: 429,
            body: "ErrorDetail",
            marked: Some(FAULT_HEADER),
        },
        reason: "Injected by the sandbox's fault control (`POST /_sandbox/faults`), which \
                 tests arm to prove the client's retries; marked with `x-sandbox-fault`.",
    },
    Deviation {
        tolerance: Tolerance::UndeclaredStatus {
            operation: "*",
            status: 500,
            body: "ErrorDetail",
            marked: Some(FAULT_HEADER),
        },
        reason: "Injected by the sandbox's fault control (`POST /_sandbox/faults`), which \
                 tests arm to prove the client's retries; marked with `x-sandbox-fault`.",
    },
    Deviation {
        tolerance: Tolerance::UndeclaredStatus {
            operation: "*",
            status: 502,
            body: "ErrorDetail",
            marked: Some(FAULT_HEADER),
        },
        reason: "Injected by the sandbox's fault control (`POST /_sandbox/faults`), which \
                 tests arm to prove the client's retries; marked with `x-sandbox-fault`.",
    },
    Deviation {
        tolerance: Tolerance::UndeclaredStatus {
            operation: "*",
            status: 503,
            body: "ErrorDetail",
            marked: Some(FAULT_HEADER),
        },
        reason: "Injected by the sandbox's fault control (`POST /_sandbox/faults`), which \
                 tests arm to prove the client's retries; marked with `x-sandbox-fault`.",
    },
    Deviation {
        tolerance: Tolerance::UndeclaredStatus {
            operation: "*",
            status: 504,
            body: "ErrorDetail",
            marked: Some(FAULT_HEADER),
        },
        reason: "Injected by the sandbox's fault control (`POST /_sandbox/faults`), which \
                 tests arm to prove the client's retries; marked with `x-sandbox-fault`.",
    },
    Deviation {
        tolerance: Tolerance::RefusedRequest,
        reason: "Tests send invalid input on purpose (a malformed email, a rating of 6) to \
                 see the API refuse it: a request outside the document is tolerated when, \
                 and only when, the answer is a 400 (whose body is checked as any answer).",
    },
];
