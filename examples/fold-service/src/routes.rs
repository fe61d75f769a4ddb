//! The API's handlers. Each returns `Result<_, E>` for one of the service's
//! own enums: a mistake is a variant, `?` carries it out, and the derive
//! renders it as the catalog says. Each handler's OpenAPI operation lists
//! the codes of that enum, and of authentication and the rate limit, which
//! answer before it runs.

use std::io;
use std::sync::Arc;

use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::App;
use crate::errors::{ApiError, AuthError, LimitError, LookupError};
use crate::store::{Function, Org, Plan, Principal, Role};

/// Scripts above this size are refused by the (simulated) edge storage.
pub const MAX_SCRIPT_BYTES: usize = 64 * 1024;

pub fn api() -> Router<Arc<App>> {
    Router::new()
        .route("/v1/functions", get(list_functions).post(create_function))
        .route("/v1/functions/{id}", get(get_function))
        .route("/v1/functions/{id}/deploys", post(deploy))
        .route("/v1/functions/{id}/rollback", post(rollback))
        .route("/v1/bindings", get(list_bindings).post(create_binding))
        .route("/v1/domains", post(create_domain))
}

#[derive(Deserialize)]
struct CreateFunction {
    name: String,
    code: String,
    #[serde(default)]
    bindings: Vec<String>,
}

#[derive(Deserialize)]
struct Deploy {
    code: String,
}

#[derive(Deserialize)]
struct Rollback {
    version: u64,
}

#[derive(Deserialize)]
struct CreateBinding {
    name: String,
}

#[derive(Deserialize)]
struct CreateDomain {
    domain: String,
}

#[utoipa::path(
    get,
    path = "/v1/functions",
    responses(
        (status = 200, description = "The organization's functions"),
        errcat::openapi::Errors<(AuthError, LimitError)>,
    ),
)]
async fn list_functions(
    State(app): State<Arc<App>>,
    Extension(me): Extension<Principal>,
) -> Json<Vec<Function>> {
    let store = app.store();
    Json(store.orgs[&me.org].functions.values().cloned().collect())
}

// ANCHOR: get_function
#[utoipa::path(
    get,
    path = "/v1/functions/{id}",
    params(("id" = String, Path, description = "The function's id")),
    responses(
        (status = 200, description = "The function"),
        errcat::openapi::Errors<(AuthError, LimitError, LookupError)>,
    ),
)]
async fn get_function(
    State(app): State<Arc<App>>,
    Extension(me): Extension<Principal>,
    Path(id): Path<String>,
) -> Result<Json<Function>, LookupError> {
    let store = app.store();
    Ok(Json(find(&store.orgs[&me.org], &id)?.clone()))
}
// ANCHOR_END: get_function

#[utoipa::path(
    post,
    path = "/v1/functions",
    responses(
        (status = 201, description = "Created, with version 1 deployed"),
        errcat::openapi::Errors<(AuthError, LimitError, ApiError)>,
    ),
)]
async fn create_function(
    State(app): State<Arc<App>>,
    Extension(me): Extension<Principal>,
    Json(body): Json<CreateFunction>,
) -> Result<(StatusCode, Json<Function>), ApiError> {
    me.require(Role::Deployer)?;
    let mut problems = name_problems(&body.name);
    if body.code.trim().is_empty() {
        problems.push(("code".to_owned(), "Must not be empty".to_owned()));
    }
    if !problems.is_empty() {
        return Err(ApiError::Validation { problems });
    }
    check_code(&body.code)?;
    let mut store = app.store();
    let org = store
        .orgs
        .get_mut(&me.org)
        .expect("tokens name known organizations");
    for binding in &body.bindings {
        if !org.bindings.contains(binding) {
            return Err(ApiError::BindingNotFound {
                binding: binding.clone(),
            });
        }
    }
    if org.functions.values().any(|f| f.name == body.name) {
        return Err(ApiError::NameTaken { name: body.name });
    }
    let id = org.next_function_id();
    upload(&id, 1, &body.code)?;
    let function = Function {
        id: id.clone(),
        name: body.name,
        active_version: 1,
        bindings: body.bindings,
        versions: vec![body.code],
    };
    org.functions.insert(id, function.clone());
    Ok((StatusCode::CREATED, Json(function)))
}

#[utoipa::path(
    post,
    path = "/v1/functions/{id}/deploys",
    params(("id" = String, Path, description = "The function's id")),
    responses(
        (status = 201, description = "Deployed as the next version"),
        errcat::openapi::Errors<(AuthError, LimitError, ApiError)>,
    ),
)]
async fn deploy(
    State(app): State<Arc<App>>,
    Extension(me): Extension<Principal>,
    Path(id): Path<String>,
    Json(body): Json<Deploy>,
) -> Result<(StatusCode, Json<Function>), ApiError> {
    me.require(Role::Deployer)?;
    check_code(&body.code)?;
    let mut store = app.store();
    let org = store
        .orgs
        .get_mut(&me.org)
        .expect("tokens name known organizations");
    let function = find_mut(org, &id)?;
    let version = function.versions.len() as u64 + 1;
    upload(&id, version, &body.code)?;
    function.versions.push(body.code);
    function.active_version = version;
    Ok((StatusCode::CREATED, Json(function.clone())))
}

#[utoipa::path(
    post,
    path = "/v1/functions/{id}/rollback",
    params(("id" = String, Path, description = "The function's id")),
    responses(
        (status = 200, description = "The version is active"),
        errcat::openapi::Errors<(AuthError, LimitError, ApiError)>,
    ),
)]
async fn rollback(
    State(app): State<Arc<App>>,
    Extension(me): Extension<Principal>,
    Path(id): Path<String>,
    Json(body): Json<Rollback>,
) -> Result<Json<Function>, ApiError> {
    me.require(Role::Deployer)?;
    let mut store = app.store();
    let org = store
        .orgs
        .get_mut(&me.org)
        .expect("tokens name known organizations");
    let function = find_mut(org, &id)?;
    if body.version == 0 || body.version > function.versions.len() as u64 {
        return Err(ApiError::VersionNotFound {
            version: body.version,
            function_id: id,
        });
    }
    function.active_version = body.version;
    Ok(Json(function.clone()))
}

#[utoipa::path(
    get,
    path = "/v1/bindings",
    responses(
        (status = 200, description = "The organization's bindings"),
        errcat::openapi::Errors<(AuthError, LimitError)>,
    ),
)]
async fn list_bindings(
    State(app): State<Arc<App>>,
    Extension(me): Extension<Principal>,
) -> Json<Value> {
    let store = app.store();
    Json(json!({ "bindings": store.orgs[&me.org].bindings }))
}

#[utoipa::path(
    post,
    path = "/v1/bindings",
    responses(
        (status = 201, description = "Created"),
        errcat::openapi::Errors<(AuthError, LimitError, ApiError)>,
    ),
)]
async fn create_binding(
    State(app): State<Arc<App>>,
    Extension(me): Extension<Principal>,
    Json(body): Json<CreateBinding>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    me.require(Role::Admin)?;
    let Some((kind, name)) = body
        .name
        .split_once(':')
        .filter(|(k, n)| !k.is_empty() && !n.is_empty())
    else {
        return Err(ApiError::invalid(
            "name",
            "Expected `type:name`, e.g. `kv:cache`",
        ));
    };
    let mut store = app.store();
    let org = store
        .orgs
        .get_mut(&me.org)
        .expect("tokens name known organizations");
    if !org.allowed_bindings.contains(&kind) {
        return Err(ApiError::BindingNotAllowed { binding: body.name });
    }
    if org.bindings.contains(&body.name) {
        return Err(ApiError::NameTaken { name: body.name });
    }
    org.bindings.push(body.name.clone());
    Ok((
        StatusCode::CREATED,
        Json(json!({ "name": body.name, "type": kind, "binding": name })),
    ))
}

#[utoipa::path(
    post,
    path = "/v1/domains",
    responses(
        (status = 201, description = "Added"),
        errcat::openapi::Errors<(AuthError, LimitError, ApiError)>,
    ),
)]
async fn create_domain(
    State(app): State<Arc<App>>,
    Extension(me): Extension<Principal>,
    Json(body): Json<CreateDomain>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    me.require(Role::Admin)?;
    let mut store = app.store();
    if store.orgs[&me.org].plan != Plan::Pro {
        return Err(ApiError::ProPlanRequired {
            feature: "Custom domains",
        });
    }
    if store
        .orgs
        .values()
        .any(|org| org.domains.contains(&body.domain))
    {
        return Err(ApiError::DomainTaken {
            domain: body.domain,
        });
    }
    let org = store
        .orgs
        .get_mut(&me.org)
        .expect("tokens name known organizations");
    org.domains.push(body.domain.clone());
    Ok((StatusCode::CREATED, Json(json!({ "domain": body.domain }))))
}

fn find<'a>(org: &'a Org, id: &str) -> Result<&'a Function, LookupError> {
    org.functions
        .get(id)
        .ok_or_else(|| LookupError::FunctionNotFound {
            function_id: id.to_owned(),
        })
}

fn find_mut<'a>(org: &'a mut Org, id: &str) -> Result<&'a mut Function, LookupError> {
    org.functions
        .get_mut(id)
        .ok_or_else(|| LookupError::FunctionNotFound {
            function_id: id.to_owned(),
        })
}

/// Function names are subdomains: lowercase letters, digits and `-`,
/// starting with a letter, at most 63 characters.
fn name_problems(name: &str) -> Vec<(String, String)> {
    let mut problems = Vec::new();
    let problem = |text: &str| ("name".to_owned(), text.to_owned());
    if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        problems.push(problem("Must start with a lowercase letter"));
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        problems.push(problem(
            "May contain only lowercase letters, digits and `-`",
        ));
    }
    if name.len() > 63 {
        problems.push(problem("Must be at most 63 characters"));
    }
    problems
}

/// The platform's script check: a module with a default export.
fn check_code(code: &str) -> Result<(), ApiError> {
    if code.contains("export default") {
        Ok(())
    } else {
        Err(ApiError::CodeInvalid {
            reason: json!({ "problem": "The script has no default export" }),
        })
    }
}

/// Stores a version's script at the (simulated) edge. Its failures carry
/// internal detail (hosts, object names) that belongs in the server's log
/// and never in a client's body.
fn upload(function_id: &str, version: u64, code: &str) -> Result<(), ApiError> {
    if code.len() > MAX_SCRIPT_BYTES {
        return Err(ApiError::Upload(io::Error::other(format!(
            "edge storage 10.20.0.7:9000 rejected object scripts/{function_id}/v{version}.js: {} bytes exceed {MAX_SCRIPT_BYTES}",
            code.len()
        ))));
    }
    Ok(())
}
