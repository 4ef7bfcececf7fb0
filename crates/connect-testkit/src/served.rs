//! The test sandbox served on loopback, with the toolkit's HTTP client pointed at it: the
//! same tenant, clock and EVSEs as the in-memory [`TestSandbox`], reached through the exact
//! wire format (feature `served`).

use connect_http::{ApiToken, ConnectClient, Environment};
use connect_server::AppState;

use crate::sandbox::{SandboxError, TOKEN, TestSandbox};

/// A test sandbox served on a free port of `127.0.0.1`.
#[derive(Debug)]
pub struct ServedSandbox {
    /// The client, configured exactly as against the real API but for the base URL.
    pub client: ConnectClient,
    /// Where it serves (`http://127.0.0.1:PORT`).
    pub base_url: String,
}

impl TestSandbox {
    /// Serves this sandbox on loopback in the background of the current tokio runtime (the
    /// test's), with a client for the test's tenant: what the client does is visible through
    /// [`TestSandbox::api`] and the other way round, and [`TestSandbox::advance`] moves the
    /// served clock too.
    ///
    /// # Errors
    /// [`SandboxError::Serve`] if no loopback port can be bound; [`SandboxError::Client`]
    /// if the client cannot be built.
    ///
    /// # Examples
    /// ```no_run
    /// # async fn run(sandbox: connect_testkit::sandbox::TestSandbox)
    /// #     -> Result<(), Box<dyn std::error::Error>> {
    /// use connect_ports::Charging;
    /// let driver = sandbox.driver()?;
    /// let served = sandbox.serve().await?;
    /// let sessions = served.client.sessions(&driver.user, Default::default()).await?;
    /// assert_eq!(sessions.count, 0);
    /// # Ok(())
    /// # }
    /// ```
    pub async fn serve(&self) -> Result<ServedSandbox, SandboxError> {
        let state = AppState::new(self.sandbox().clone());
        let base_url = connect_server::spawn_on_loopback(state)
            .await
            .map_err(SandboxError::Serve)?;
        let token = ApiToken::new(TOKEN).map_err(SandboxError::Client)?;
        let environment = Environment::custom(base_url.clone()).map_err(SandboxError::Client)?;
        let client = ConnectClient::builder(token, environment)
            .build()
            .map_err(SandboxError::Client)?;
        Ok(ServedSandbox { client, base_url })
    }
}
