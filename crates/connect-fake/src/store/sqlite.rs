//! Durable tenants in SQLite (`connect sandbox serve --data DIR`): one file,
//! `DIR/sandbox.sqlite3`, in WAL mode with `synchronous = FULL`, so that a commit that
//! answered survives `kill -9` and a power cut.
//!
//! Two tables: `tenants` (the SHA-256 of each token, its id source and clock) and `records`
//! (every record of every tenant as JSON, by kind and key, in insertion order). The schema
//! is versioned with SQLite's `user_version`: [`MIGRATIONS`] runs the steps a file lacks, in
//! one transaction each, and a file from a newer sandbox is refused rather than misread.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use sha2::{Digest, Sha256};

use super::StoreError;
use super::journal::{Change, StoredTenant, TenantHeader, TenantStore};
use crate::clock::TenantClock;

/// The schema, one step per version: step `n` takes a file from version `n` to `n + 1`.
/// Steps are only ever added, never changed.
pub const MIGRATIONS: &[&str] = &[
    // 1: tenants and their records.
    "CREATE TABLE tenants (
        tenant TEXT PRIMARY KEY,
        ids INTEGER NOT NULL,
        clock_anchor_us INTEGER NOT NULL,
        clock_source_anchor_us INTEGER NOT NULL,
        clock_speed INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE records (
        id INTEGER PRIMARY KEY,
        tenant TEXT NOT NULL REFERENCES tenants (tenant) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        body TEXT NOT NULL,
        UNIQUE (tenant, kind, key)
    ) STRICT;",
];

/// The file inside the data directory.
pub const FILE_NAME: &str = "sandbox.sqlite3";

/// The sandbox's SQLite database.
///
/// # Examples
/// ```
/// use connect_fake::store::TenantStore;
/// use connect_fake::store::sqlite::Database;
/// let dir = std::env::temp_dir().join(format!("connect-doc-{}", std::process::id()));
/// let database = Database::open(&dir)?;
/// assert!(database.load("a token")?.is_none());
/// # std::fs::remove_dir_all(&dir).ok();
/// # Ok::<(), connect_fake::store::StoreError>(())
/// ```
pub struct Database {
    path: PathBuf,
    /// One connection: SQLite has one writer at a time anyway, and each call is short.
    connection: Mutex<Connection>,
}

impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Database")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

fn failed(error: impl std::error::Error + Send + Sync + 'static) -> StoreError {
    StoreError::Database(Box::new(error))
}

/// What the schema needs and SQLite cannot say itself.
#[derive(Debug, thiserror::Error)]
enum SchemaError {
    #[error(
        "{path}: schema version {found} is newer than this sandbox's {known}; use a newer `connect`"
    )]
    Newer {
        path: String,
        found: i64,
        known: usize,
    },
}

impl Database {
    /// Opens (or creates) `dir/sandbox.sqlite3` and brings its schema up to date.
    ///
    /// # Errors
    /// The directory or file cannot be made or opened, or the file's schema is newer than
    /// this sandbox knows.
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        std::fs::create_dir_all(dir).map_err(failed)?;
        let path = dir.join(FILE_NAME);
        let mut connection = Connection::open(&path).map_err(failed)?;
        // WAL with FULL: a commit is on disk (the log synced) before it answers.
        connection
            .pragma_update(None, "journal_mode", "WAL")
            .map_err(failed)?;
        connection
            .pragma_update(None, "synchronous", "FULL")
            .map_err(failed)?;
        connection
            .pragma_update(None, "foreign_keys", "ON")
            .map_err(failed)?;
        connection
            .busy_timeout(std::time::Duration::from_secs(5))
            .map_err(failed)?;
        migrate(&mut connection, &path)?;
        Ok(Self {
            path,
            connection: Mutex::new(connection),
        })
    }

    /// Where the file is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn connection(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding it left no transaction open (rusqlite rolls back on drop).
        self.connection
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Runs the migrations the file lacks.
fn migrate(connection: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let version: i64 = connection
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(failed)?;
    let from = usize::try_from(version).unwrap_or(usize::MAX);
    if from > MIGRATIONS.len() {
        return Err(failed(SchemaError::Newer {
            path: path.display().to_string(),
            found: version,
            known: MIGRATIONS.len(),
        }));
    }
    for (step, sql) in MIGRATIONS.iter().enumerate().skip(from) {
        let transaction = connection
            .transaction_with_behavior(TransactionBehavior::Exclusive)
            .map_err(failed)?;
        transaction.execute_batch(sql).map_err(failed)?;
        transaction
            .pragma_update(None, "user_version", step + 1)
            .map_err(failed)?;
        transaction.commit().map_err(failed)?;
    }
    Ok(())
}

/// The tenant's name in the file: the SHA-256 of its token, never the token.
fn tenant_key(token: &str) -> String {
    use std::fmt::Write as _;
    Sha256::digest(token.as_bytes())
        .iter()
        .fold(String::with_capacity(64), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        })
}

fn micros(instant: DateTime<Utc>) -> i64 {
    instant.timestamp_micros()
}

fn instant(micros: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(micros).unwrap_or(DateTime::<Utc>::MAX_UTC)
}

impl TenantStore for Database {
    fn load(&self, token: &str) -> Result<Option<StoredTenant>, StoreError> {
        let tenant = tenant_key(token);
        let connection = self.connection();
        let header = connection
            .query_row(
                "SELECT ids, clock_anchor_us, clock_source_anchor_us, clock_speed
                 FROM tenants WHERE tenant = ?1",
                params![tenant],
                |row| {
                    let ids: i64 = row.get(0)?;
                    let speed: i64 = row.get(3)?;
                    Ok(TenantHeader {
                        ids: u64::from_ne_bytes(ids.to_ne_bytes()),
                        clock: TenantClock::from_parts(
                            instant(row.get(1)?),
                            instant(row.get(2)?),
                            u32::try_from(speed).unwrap_or(0),
                        ),
                    })
                },
            )
            .optional()
            .map_err(failed)?;
        let Some(header) = header else {
            return Ok(None);
        };
        let mut statement = connection
            .prepare_cached("SELECT kind, body FROM records WHERE tenant = ?1 ORDER BY id")
            .map_err(failed)?;
        let records = statement
            .query_map(params![tenant], |row| Ok((row.get(0)?, row.get(1)?)))
            .map_err(failed)?
            .collect::<Result<Vec<(String, String)>, _>>()
            .map_err(failed)?;
        Ok(Some(StoredTenant { header, records }))
    }

    fn commit(
        &self,
        token: &str,
        header: &TenantHeader,
        changes: &[Change],
    ) -> Result<(), StoreError> {
        let tenant = tenant_key(token);
        let mut connection = self.connection();
        let transaction = connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(failed)?;
        let (anchor, source_anchor, speed) = header.clock.parts();
        transaction
            .prepare_cached(
                "INSERT INTO tenants (tenant, ids, clock_anchor_us, clock_source_anchor_us, clock_speed)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (tenant) DO UPDATE SET ids = excluded.ids,
                   clock_anchor_us = excluded.clock_anchor_us,
                   clock_source_anchor_us = excluded.clock_source_anchor_us,
                   clock_speed = excluded.clock_speed",
            )
            .and_then(|mut statement| {
                statement.execute(params![
                    tenant,
                    i64::from_ne_bytes(header.ids.to_ne_bytes()),
                    micros(anchor),
                    micros(source_anchor),
                    i64::from(speed),
                ])
            })
            .map_err(failed)?;
        {
            let mut upsert = transaction
                .prepare_cached(
                    "INSERT INTO records (tenant, kind, key, body) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (tenant, kind, key) DO UPDATE SET body = excluded.body",
                )
                .map_err(failed)?;
            let mut delete = transaction
                .prepare_cached("DELETE FROM records WHERE tenant = ?1 AND kind = ?2 AND key = ?3")
                .map_err(failed)?;
            for change in changes {
                match &change.body {
                    Some(body) => upsert.execute(params![tenant, change.kind, change.key, body]),
                    None => delete.execute(params![tenant, change.kind, change.key]),
                }
                .map_err(failed)?;
            }
        }
        transaction.commit().map_err(failed)
    }

    fn forget(&self, token: &str) -> Result<(), StoreError> {
        let tenant = tenant_key(token);
        let mut connection = self.connection();
        let transaction = connection.transaction().map_err(failed)?;
        transaction
            .execute("DELETE FROM records WHERE tenant = ?1", params![tenant])
            .map_err(failed)?;
        transaction
            .execute("DELETE FROM tenants WHERE tenant = ?1", params![tenant])
            .map_err(failed)?;
        transaction.commit().map_err(failed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("connect-sqlite-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    fn header(ids: u64) -> TenantHeader {
        let at = "2026-04-02T13:00:00Z".parse().unwrap();
        TenantHeader {
            ids,
            clock: TenantClock::from_parts(at, at, 0),
        }
    }

    fn change(key: &str, body: Option<&str>) -> Change {
        Change {
            kind: "note",
            key: key.to_owned(),
            body: body.map(str::to_owned),
        }
    }

    #[test]
    fn a_commit_is_there_after_reopening_in_insertion_order_without_the_token() {
        let dir = scratch("reopen");
        {
            let database = Database::open(&dir).unwrap();
            let changes = [change("b", Some("1")), change("a", Some("2"))];
            database
                .commit("secret-token", &header(u64::MAX), &changes)
                .unwrap();
            let changes = [
                change("b", Some("3")),
                change("c", Some("4")),
                change("c", None),
            ];
            database
                .commit("secret-token", &header(7), &changes)
                .unwrap();
        }
        let database = Database::open(&dir).unwrap();
        let stored = database.load("secret-token").unwrap().unwrap();
        assert_eq!(stored.header, header(7));
        assert_eq!(
            stored.records,
            [
                ("note".to_owned(), "3".to_owned()),
                ("note".to_owned(), "2".to_owned())
            ]
        );
        assert!(database.load("another token").unwrap().is_none());
        let file = std::fs::read(dir.join(FILE_NAME)).unwrap();
        let wal = std::fs::read(dir.join(format!("{FILE_NAME}-wal"))).unwrap_or_default();
        let needle = b"secret-token";
        assert!(!file.windows(needle.len()).any(|w| w == needle));
        assert!(!wal.windows(needle.len()).any(|w| w == needle));
        database.forget("secret-token").unwrap();
        assert!(database.load("secret-token").unwrap().is_none());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_file_from_a_newer_sandbox_is_refused_and_an_old_one_migrated() {
        let dir = scratch("versions");
        std::fs::create_dir_all(&dir).unwrap();
        {
            let connection = Connection::open(dir.join(FILE_NAME)).unwrap();
            connection.pragma_update(None, "user_version", 99).unwrap();
        }
        let error = Database::open(&dir).unwrap_err();
        let text = std::error::Error::source(&error).unwrap().to_string();
        assert!(text.contains("schema version 99 is newer"), "{text}");
        std::fs::remove_file(dir.join(FILE_NAME)).unwrap();
        let database = Database::open(&dir).unwrap();
        let version: i64 = database
            .connection()
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .unwrap();
        assert_eq!(version, i64::try_from(MIGRATIONS.len()).unwrap());
        let mode: String = database
            .connection()
            .pragma_query_value(None, "journal_mode", |row| row.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
