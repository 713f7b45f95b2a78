//! The portal's Prometheus metrics: each instance its own registry (no global state), filled
//! by `observability`.

use prometheus::{HistogramOpts, HistogramVec, IntCounterVec, IntGauge, Opts, Registry};
use std::sync::Arc;

/// The portal's metrics, each instance its own registry.
pub struct Metrics {
    pub registry: Registry,
    pub requests: IntCounterVec,
    pub latency: HistogramVec,
    pub outbox_backlog: IntGauge,
    pub outbox_failed: IntGauge,
    pub overdue_steps: IntGauge,
}

impl Metrics {
    pub fn new() -> prometheus::Result<Metrics> {
        let registry = Registry::new();
        let requests = IntCounterVec::new(
            Opts::new(
                "portal_http_requests_total",
                "HTTP requests by route and status",
            ),
            &["method", "route", "status"],
        )?;
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "portal_http_request_duration_seconds",
                "HTTP request latency by route",
            )
            .buckets(vec![
                0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
            ]),
            &["method", "route"],
        )?;
        let outbox_backlog = IntGauge::new(
            "portal_outbox_backlog",
            "E-mails waiting to be delivered (not sent, not given up)",
        )?;
        let outbox_failed = IntGauge::new(
            "portal_outbox_failed",
            "E-mails given up after two days of failed deliveries",
        )?;
        let overdue_steps = IntGauge::new(
            "portal_steps_overdue",
            "Open steps of cases past their deadline",
        )?;
        registry.register(Box::new(requests.clone()))?;
        registry.register(Box::new(latency.clone()))?;
        registry.register(Box::new(outbox_backlog.clone()))?;
        registry.register(Box::new(outbox_failed.clone()))?;
        registry.register(Box::new(overdue_steps.clone()))?;
        Ok(Metrics {
            registry,
            requests,
            latency,
            outbox_backlog,
            outbox_failed,
            overdue_steps,
        })
    }
}

/// Shared by every handler through `AppState`.
pub type SharedMetrics = Arc<Metrics>;
