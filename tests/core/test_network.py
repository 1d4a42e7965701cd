"""Which network a request comes from: the client address behind trusted proxies, the
network it stands for and that network's salted daily name."""

import datetime

from django.test import RequestFactory

from core.network import client_address, client_network, network_key, network_of


def test_ipv6_addresses_of_one_64_are_one_network():
    assert network_of("2001:db8:1:2:aaaa::1") == network_of("2001:db8:1:2:ffff::9")
    assert network_of("2001:db8:1:3::1") != network_of("2001:db8:1:2::1")


def test_ipv4_mapped_ipv6_address_is_its_ipv4_network():
    assert network_of("::ffff:203.0.113.7") == "203.0.113.7"


def test_forwarded_header_is_ignored_without_trusted_proxies(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.1", HTTP_X_FORWARDED_FOR="1.2.3.4")

    assert client_address(request) == "198.51.100.1"


def test_trusted_proxy_count_takes_the_hop_our_proxy_added_not_a_forged_one(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9"
    )

    assert client_address(request) == "203.0.113.9"


def test_too_few_forwarded_hops_fall_back_to_the_peer_address(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4")

    assert client_address(request) == "10.0.0.2"


def test_network_hash_changes_every_day():
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.1")
    today = datetime.date(2026, 11, 24)
    network = client_network(request)

    assert network_key(network, today) != network_key(network, today + datetime.timedelta(1))
