//! The sandbox: a stateful, deterministic fake of the whole API, in process or served on a
//! loopback port with the client pointed at it.
//!
//! - [`EmbeddedApi`]: the quickest way in. The sandbox served on loopback, a
//!   [`ConnectClient`] for it (exactly as against the real API), and the partner's frontend
//!   ([`Connection`]: confirms Stripe intents with [test cards](cards)).
//! - [`EmbeddedSandbox`]: the served sandbox alone, for any HTTP client.
//! - [`Sandbox`]: the sandbox in process; [`Sandbox::connect`] gives one token's tenant,
//!   which implements every operation of the [prelude](crate::prelude) without any network.
//! - [`router`]: the sandbox's axum router, to serve it yourself.
//!
//! The control API (clock, EVSEs, CDRs, faults) is described in the repository's
//! `docs/sandbox.md`.

use std::time::Duration;

use connect_http::{ApiToken, ConfigError, ConnectClient, Environment, PollPolicy};

pub use connect_fake::sandbox::{Connection, Sandbox, SandboxConfig};
pub use connect_fake::{cards, clock, stations};
pub use connect_server::{
    AppState, ControlClock, EmbedError, EmbeddedOptions, EmbeddedSandbox, SandboxClock, router,
    serve, spawn_on_loopback,
};

/// How much faster than real time [`EmbeddedApi::start`]'s clock runs: an hour of charging
/// takes 3.6 seconds.
pub const FAST: u32 = 1000;

/// The token [`EmbeddedApi`]'s client uses: any non-empty token is a tenant of the sandbox.
const TOKEN: &str = "cariqa-connect-sandbox";

/// Why [`EmbeddedApi`] did not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SandboxError {
    /// The sandbox did not start.
    #[error("the sandbox did not start")]
    Start(#[source] EmbedError),
    /// The client could not be built for it.
    #[error("the client for the sandbox could not be built")]
    Client(#[source] ConfigError),
    /// The sandbox refused the tenant.
    #[error("the sandbox refused the tenant")]
    Tenant(#[source] connect_ports::ApiError),
}

/// The API on a loopback port of this process: the sandbox with the bundled stations, a
/// client for it, and the partner's frontend.
///
/// In a partner's product only the client remains (built with
/// `ConnectClient::new(ApiToken::from_env()?, Environment::Development)`), and the frontend
/// is the partner's app confirming client secrets with Stripe.
///
/// # Examples
/// ```
/// # #[tokio::main]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use cariqa_connect::prelude::*;
/// use cariqa_connect::domain::account::NewUser;
/// use cariqa_connect::sandbox::EmbeddedApi;
///
/// let api = EmbeddedApi::start().await?;
/// let user = api.client().create_user(NewUser::default()).await?;
/// assert_eq!(api.client().get_user(&user.id).await?, user);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct EmbeddedApi {
    sandbox: EmbeddedSandbox,
    client: ConnectClient,
    frontend: Connection,
}

impl EmbeddedApi {
    /// Starts the sandbox (seed 0) with a clock running [`FAST`] times faster than real time,
    /// on the current tokio runtime.
    ///
    /// # Errors
    /// [`SandboxError`]: the sandbox did not start.
    pub async fn start() -> Result<Self, SandboxError> {
        Self::start_with(EmbeddedOptions::default().clock(SandboxClock::Fast { speed: FAST })).await
    }

    /// Starts the sandbox with `options` (seed, clock).
    ///
    /// The client polls sessions as often as the clock's speed calls for: a fast clock needs
    /// frequent polls to see a session progress.
    ///
    /// # Errors
    /// [`SandboxError`]: the sandbox did not start.
    pub async fn start_with(options: EmbeddedOptions) -> Result<Self, SandboxError> {
        let sandbox = EmbeddedSandbox::start(options)
            .await
            .map_err(SandboxError::Start)?;
        let client = client_at(sandbox.base_url())?;
        let frontend = sandbox.connect(TOKEN).map_err(SandboxError::Tenant)?;
        Ok(Self {
            sandbox,
            client,
            frontend,
        })
    }

    /// The same sandbox and tenant, the client reaching it at `base_url` instead: a proxy in
    /// front of [`EmbeddedSandbox::base_url`] (the project's tests check every exchange
    /// against the API's OpenAPI document through one).
    ///
    /// # Errors
    /// [`SandboxError::Client`]: `base_url` is not a URL the client accepts.
    ///
    /// # Examples
    /// ```
    /// # #[tokio::main]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use cariqa_connect::sandbox::EmbeddedApi;
    /// let api = EmbeddedApi::start().await?;
    /// let same = api.through(api.sandbox().base_url())?;
    /// assert_eq!(same.sandbox().base_url(), api.sandbox().base_url());
    /// # Ok(())
    /// # }
    /// ```
    pub fn through(&self, base_url: &str) -> Result<Self, SandboxError> {
        Ok(Self {
            sandbox: self.sandbox.clone(),
            client: client_at(base_url)?,
            frontend: self.frontend.clone(),
        })
    }

    /// The client, exactly as against the real API.
    pub fn client(&self) -> &ConnectClient {
        &self.client
    }

    /// The partner's frontend: confirms setup intents and debts' payment intents with Stripe
    /// test cards ([`Connection::confirm_setup_intent`]), and the sandbox's control
    /// operations for the client's tenant.
    pub fn frontend(&self) -> &Connection {
        &self.frontend
    }

    /// The served sandbox: its address, clock, and other tenants.
    pub fn sandbox(&self) -> &EmbeddedSandbox {
        &self.sandbox
    }
}

/// The sandbox tenant's client at `base_url`, polling as often as a fast clock calls for.
fn client_at(base_url: &str) -> Result<ConnectClient, SandboxError> {
    let environment = Environment::custom(base_url).map_err(SandboxError::Client)?;
    let token = ApiToken::new(TOKEN).map_err(SandboxError::Client)?;
    ConnectClient::builder(token, environment)
        .poll(PollPolicy {
            min_interval: Duration::from_millis(50),
            max_interval: Duration::from_millis(200),
        })
        .build()
        .map_err(SandboxError::Client)
}
