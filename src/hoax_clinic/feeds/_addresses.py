"""Addresses a feed is never fetched from: the IANA special-purpose registries, as a table.

Python's :mod:`ipaddress` answers ``is_global``/``is_private`` from tables that were wrong
before 3.11.10/3.12.4 (CVE-2024-4032: ``192.0.0.8`` and all of ``2002::/16`` counted as
global on 3.11.7), and the interpreter an agency runs is not ours to choose. So the fetcher
checks this explicit list *as well as* :mod:`ipaddress`.

Sources (every entry, whatever its "globally reachable" column says: no fact-check feed
lives on a special-purpose address):

* IANA IPv4 Special-Purpose Address Registry,
  https://www.iana.org/assignments/iana-ipv4-special-registry/ (RFC 6890, updated
  2024-12), plus multicast 224.0.0.0/4 from the IPv4 Address Space registry;
* IANA IPv6 Special-Purpose Address Registry,
  https://www.iana.org/assignments/iana-ipv6-special-registry/ (RFC 6890, updated
  2025-01), plus, from the IPv6 Address Space registry, everything outside Global Unicast
  ``2000::/3`` (multicast ``ff00::/8``, unique-local, link-local, site-local, reserved).

IPv4 addresses embedded in IPv6 (``::ffff:a.b.c.d``, NAT64 ``64:ff9b::/96``) are judged by
their IPv4 address.
"""

from __future__ import annotations

import ipaddress

__all__ = ["SPECIAL_PURPOSE", "special_purpose"]

_IP = ipaddress.IPv4Address | ipaddress.IPv6Address

#: (network, name in the registry) of every special-purpose block.
SPECIAL_PURPOSE: tuple[tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, str], ...] = tuple(
    (ipaddress.ip_network(net), name)
    for net, name in (
        # -- IPv4 special-purpose registry
        ("0.0.0.0/8", '"This network" (RFC 791)'),
        ("10.0.0.0/8", "Private-Use (RFC 1918)"),
        ("100.64.0.0/10", "Shared Address Space (RFC 6598)"),
        ("127.0.0.0/8", "Loopback (RFC 1122)"),
        ("169.254.0.0/16", "Link Local (RFC 3927)"),
        ("172.16.0.0/12", "Private-Use (RFC 1918)"),
        ("192.0.0.0/24", "IETF Protocol Assignments (RFC 6890)"),  # incl. 192.0.0.8 dummy
        ("192.0.2.0/24", "Documentation TEST-NET-1 (RFC 5737)"),
        ("192.31.196.0/24", "AS112-v4 (RFC 7535)"),
        ("192.52.193.0/24", "AMT (RFC 7450)"),
        ("192.88.99.0/24", "Deprecated 6to4 Relay Anycast (RFC 7526)"),
        ("192.168.0.0/16", "Private-Use (RFC 1918)"),
        ("192.175.48.0/24", "Direct Delegation AS112 Service (RFC 7534)"),
        ("198.18.0.0/15", "Benchmarking (RFC 2544)"),
        ("198.51.100.0/24", "Documentation TEST-NET-2 (RFC 5737)"),
        ("203.0.113.0/24", "Documentation TEST-NET-3 (RFC 5737)"),
        ("224.0.0.0/4", "Multicast (RFC 5771)"),
        ("240.0.0.0/4", "Reserved (RFC 1112)"),
        ("255.255.255.255/32", "Limited Broadcast (RFC 919)"),
        # -- IPv6 special-purpose registry
        ("::/128", "Unspecified Address (RFC 4291)"),
        ("::1/128", "Loopback Address (RFC 4291)"),
        ("64:ff9b:1::/48", "IPv4-IPv6 Translat., local use (RFC 8215)"),
        ("100::/64", "Discard-Only Address Block (RFC 6666)"),
        ("100:0:0:1::/64", "Dummy IPv6 Prefix (RFC 9780)"),
        ("2001::/23", "IETF Protocol Assignments (RFC 2928)"),  # Teredo, ORCHID, benchmarking
        ("2001:db8::/32", "Documentation (RFC 3849)"),
        ("2002::/16", "6to4 (RFC 3056)"),
        ("2620:4f:8000::/48", "Direct Delegation AS112 Service (RFC 7534)"),
        ("3fff::/20", "Documentation (RFC 9637)"),
        ("5f00::/16", "Segment Routing (SRv6) SIDs (RFC 9602)"),
        ("fc00::/7", "Unique-Local (RFC 4193)"),
        ("fe80::/10", "Link-Local Unicast (RFC 4291)"),
        # -- IPv6 address space registry: outside Global Unicast 2000::/3
        ("::/3", "Reserved by IETF / not Global Unicast (RFC 4291)"),
        ("4000::/2", "Reserved by IETF (RFC 4291)"),
        ("8000::/1", "Reserved by IETF, ULA, link-local, multicast (RFC 4291)"),
    )
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def special_purpose(ip: _IP) -> str | None:
    """Return the registry name of the special-purpose block ``ip`` is in, else ``None``.

    Example:
        >>> special_purpose(ipaddress.ip_address("192.0.0.8"))
        'IETF Protocol Assignments (RFC 6890)'
        >>> special_purpose(ipaddress.ip_address("2002:7f00:1::1"))
        '6to4 (RFC 3056)'
        >>> special_purpose(ipaddress.ip_address("93.184.215.14")) is None
        True
    """
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        elif ip in _NAT64:  # well-known NAT64 prefix: the IPv4 address is the last 32 bits
            ip = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    for network, name in SPECIAL_PURPOSE:
        if ip.version == network.version and ip in network:
            return name
    return None
