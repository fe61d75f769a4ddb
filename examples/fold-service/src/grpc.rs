//! `fold.v1.Functions` over gRPC, beside the HTTP API on the same port: the
//! same tokens, limit and store, and the same catalog errors, each a
//! `google.rpc.Status` with its details (`errcat`'s `tonic` feature).

use std::sync::Arc;

use tonic::{Request, Response, Status};

use crate::App;
use crate::auth::admit;
use crate::errors::ApiError;

/// The messages and the server and client that `build.rs` generates from
/// `proto/fold/v1/functions.proto`.
pub mod proto {
    tonic::include_proto!("fold.v1");
}

use proto::functions_server::{Functions, FunctionsServer};
use proto::{Function, GetFunctionRequest};

pub struct FunctionsService {
    app: Arc<App>,
}

/// The gRPC service, for `tonic::service::Routes`.
pub fn service(app: Arc<App>) -> FunctionsServer<FunctionsService> {
    FunctionsServer::new(FunctionsService { app })
}

// ANCHOR: method
#[tonic::async_trait]
impl Functions for FunctionsService {
    async fn get_function(
        &self,
        request: Request<GetFunctionRequest>,
    ) -> Result<Response<Function>, Status> {
        let headers = request.metadata().clone().into_headers();
        let (me, decision) = admit(&self.app, &headers)?;
        let id = request.into_inner().id;
        if id.trim().is_empty() {
            return Err(ApiError::invalid("id", "Must not be empty").into());
        }
        let store = self.app.store();
        let function = store.orgs[&me.org]
            .functions
            .get(&id)
            .ok_or(ApiError::FunctionNotFound { function_id: id })?;
        let mut response = Response::new(Function {
            id: function.id.clone(),
            name: function.name.clone(),
            active_version: function.active_version,
            bindings: function.bindings.clone(),
        });
        // The window, as the HTTP API's answers carry it.
        let metadata = response.metadata_mut();
        for (name, value) in [
            ("ratelimit-limit", decision.limit),
            ("ratelimit-remaining", decision.remaining),
            ("ratelimit-reset", decision.reset),
        ] {
            if let Ok(value) = value.to_string().parse() {
                metadata.insert(name, value);
            }
        }
        Ok(response)
    }
}
// ANCHOR_END: method
