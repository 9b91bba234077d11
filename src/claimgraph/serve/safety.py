"""Fetching a URL an untrusted user typed, without letting it reach inside the network (SSRF).

Every connection, the first and each redirect's, goes through ``GuardedBackend.connect_tcp``:
it resolves the host, refuses the connection if *any* address is loopback, private,
link-local, reserved, multicast or unspecified, and then connects to exactly the address it
checked (so a DNS answer that changes between check and connect cannot slip through). TLS
still verifies the certificate against the host name.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

from claimgraph.errors import FetchError

Resolver = Callable[[str, int], list[str]]
SCHEMES = ("http", "https")


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for ``host``."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {host!r}: {exc}") from exc
    return [str(info[4][0]) for info in infos]


def resolve(host: str, port: int, resolver: Resolver) -> list[str]:
    """An IP literal is its own (only) address; a name goes to the resolver."""
    try:
        return [str(ipaddress.ip_address(host.strip("[]")))]
    except ValueError:
        return resolver(host, port)


def refused_reason(address: str) -> str | None:
    """Why an address may not be fetched from, or None if it is a public unicast address."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for test, reason in (
        (ip.is_loopback, "loopback"),
        (ip.is_link_local, "link-local"),
        (ip.is_private, "private"),
        (ip.is_multicast, "multicast"),
        (ip.is_unspecified, "unspecified"),
        (ip.is_reserved, "reserved"),
        (not ip.is_global, "not globally routable"),
    ):
        if test:
            return reason
    return None


def check_addresses(host: str, addresses: Iterable[str]) -> list[str]:
    """The addresses, if every one of them is public.

    Raises:
        FetchError: no address, or any refused one.
    """
    addresses = list(dict.fromkeys(addresses))
    if not addresses:
        raise FetchError(f"{host!r} has no address")
    for address in addresses:
        reason = refused_reason(address)
        if reason:
            raise FetchError(f"refused: {host!r} resolves to a {reason} address ({address})")
    return addresses


def check_url(url: str) -> str:
    """Only absolute http(s) URLs with a host and no credentials.

    Raises:
        FetchError: anything else.
    """
    try:
        parts = urlsplit(url.strip())
        _ = parts.port  # raises ValueError on a malformed or out-of-range port
    except ValueError as exc:
        raise FetchError(f"not a valid URL: {exc}") from exc
    if parts.scheme.lower() not in SCHEMES:
        raise FetchError(f"refused: only http and https URLs can be fetched, not {parts.scheme or 'none'!r}")
    if not parts.hostname:
        raise FetchError("refused: the URL has no host")
    if parts.username or parts.password:
        raise FetchError("refused: credentials in URLs are not accepted")
    return url.strip()


class GuardedBackend(httpcore.NetworkBackend):
    """httpcore's sync backend, connecting only to addresses that passed ``check_addresses``."""

    def __init__(self, resolver: Resolver = system_resolver) -> None:
        self.resolver = resolver
        self.inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = check_addresses(host, resolve(host, port, self.resolver))
        error: Exception | None = None
        for address in addresses:
            try:
                return self.inner.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except httpcore.ConnectError as exc:
                error = exc
        raise httpcore.ConnectError(f"cannot connect to {host}: {error}")

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        raise FetchError("refused: unix sockets")

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


class GuardedTransport(httpx.BaseTransport):
    """An httpx transport that refuses non-http(s) URLs and connects only through ``GuardedBackend``.

    Redirects are followed by the client, so each hop comes back through here and is checked.
    """

    def __init__(self, resolver: Resolver = system_resolver) -> None:
        self.pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            network_backend=GuardedBackend(resolver),
            max_connections=4,
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        check_url(str(request.url))
        try:
            response = self.pool.handle_request(
                httpcore.Request(
                    method=request.method,
                    url=httpcore.URL(
                        scheme=request.url.raw_scheme,
                        host=request.url.raw_host,
                        port=request.url.port,
                        target=request.url.raw_path,
                    ),
                    headers=request.headers.raw,
                    content=request.stream,
                    extensions={"timeout": request.extensions.get("timeout", {})},
                )
            )
        except httpcore.TimeoutException as exc:
            raise httpx.TimeoutException(str(exc), request=request) from exc
        except (httpcore.NetworkError, httpcore.ProtocolError) as exc:
            raise httpx.ConnectError(str(exc), request=request) from exc
        return httpx.Response(
            status_code=response.status,
            headers=response.headers,
            stream=_Stream(response),
            extensions=response.extensions,
        )

    def close(self) -> None:
        self.pool.close()


class _Stream(httpx.SyncByteStream):
    def __init__(self, response: httpcore.Response) -> None:
        self.response = response

    def __iter__(self):
        yield from self.response.iter_stream()

    def close(self) -> None:
        self.response.close()
