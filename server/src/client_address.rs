//! Who is connecting: the client's address, for rate limits and logs. Behind the TLS proxy every
//! real deployment has, the connection comes from the proxy; the client's own address is then
//! the one the proxy adds to `Forwarded` / `X-Forwarded-For` — believed only when the
//! connection comes from a proxy named in `TRUSTED_PROXIES`, so nobody else can claim an
//! address by sending the header. The headers are read by `axum-client-ip`.

use crate::state::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum_client_ip::{RightmostForwarded, RightmostXForwardedFor};
use std::net::{IpAddr, SocketAddr};

/// The client's address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub IpAddr);

impl std::fmt::Display for ClientAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// Parses `TRUSTED_PROXIES`: addresses or networks, comma-separated
/// (`10.0.0.0/8, 192.0.2.7`).
pub fn parse_proxies(setting: &str) -> Result<Vec<ipnet::IpNet>, String> {
    setting
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<ipnet::IpNet>()
                .or_else(|_| s.parse::<IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| format!("TRUSTED_PROXIES: {s} is not an address or a network"))
        })
        .collect()
}

/// The client's address, given the connection's peer and the request's headers.
pub async fn client_of(parts: &mut Parts, peer: IpAddr, trusted: &[ipnet::IpNet]) -> IpAddr {
    if !trusted.iter().any(|n| n.contains(&peer)) {
        return peer;
    }
    // The trusted proxy appended the address it saw: the rightmost entry.
    if let Ok(RightmostForwarded(ip)) = RightmostForwarded::from_request_parts(parts, &()).await {
        return ip;
    }
    if let Ok(RightmostXForwardedFor(ip)) =
        RightmostXForwardedFor::from_request_parts(parts, &()).await
    {
        return ip;
    }
    peer
}

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip())
            .unwrap_or(IpAddr::from([127, 0, 0, 1]));
        Ok(ClientAddress(
            client_of(parts, peer, &state.trusted_proxies).await,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::Request;

    fn parts(headers: &[(&str, &str)]) -> Parts {
        let mut r = Request::builder();
        for (k, v) in headers {
            r = r.header(*k, *v);
        }
        r.body(()).unwrap().into_parts().0
    }

    #[tokio::test]
    async fn the_forwarded_address_counts_only_through_a_trusted_proxy() {
        let proxies = parse_proxies("10.0.0.0/8, 192.0.2.7").unwrap();
        let mut p = parts(&[("x-forwarded-for", "203.0.113.9, 198.51.100.4")]);
        // From the proxy: the address it appended.
        assert_eq!(
            client_of(&mut p, "10.1.2.3".parse().unwrap(), &proxies).await,
            "198.51.100.4".parse::<IpAddr>().unwrap()
        );
        // From anyone else the header is ignored.
        assert_eq!(
            client_of(&mut p, "198.51.100.200".parse().unwrap(), &proxies).await,
            "198.51.100.200".parse::<IpAddr>().unwrap()
        );
        let mut f = parts(&[("forwarded", "for=203.0.113.60;proto=https")]);
        assert_eq!(
            client_of(&mut f, "192.0.2.7".parse().unwrap(), &proxies).await,
            "203.0.113.60".parse::<IpAddr>().unwrap()
        );
        assert!(parse_proxies("10.0.0.0/33").is_err());
        assert!(parse_proxies("").unwrap().is_empty());
    }
}
