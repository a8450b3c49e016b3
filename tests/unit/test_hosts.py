"""Which Host and Origin headers `serve` answers: only the names it really has, in every spelling of them.

Rules: a request is answered only if its Host is the bound address, loopback or
localhost, a name given with --allow-host, or (listening on every interface)
any IP address, each with the server's own port; a websocket is opened only
from a page at such a host, or at an --allow-origin. A name a web page chose
(DNS rebinding) is refused however its Host and Origin agree. Case, a trailing
dot, brackets and a default port change nothing; anything that is not a host
header is refused without an error.
"""

from __future__ import annotations

import contextlib
import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from model import InputError
from tui.frontends.hosts import Hosts, allowed_name, allowed_origin, listen_address, normal_origin
from tui.frontends.serve import where

PORT = 8000
LOOPBACK = Hosts("127.0.0.1", PORT)
EVERYWHERE = Hosts("0.0.0.0", PORT, names=("teacher.local",), origins=("https://slides.example",))
ITS_OWN = ["127.0.0.1", "localhost", "LocalHost", "localhost.", "[::1]", "[0:0:0:0:0:0:0:1]"]
FOREIGN = ["evil.example", "x", "127.0.0.1.evil.example", "localhost.evil", "teacher.local.evil", "0.0.0.0.nip.io"]


@pytest.mark.parametrize("host", ITS_OWN)
def test_its_own_names_are_answered_in_any_spelling_with_its_port_only(host):
    for hosts in (LOOPBACK, EVERYWHERE):
        assert hosts.serves(f"{host}:{PORT}")
        assert not hosts.serves(f"{host}:{PORT + 1}") and not hosts.serves(host)  # port 80 is not this server's
        assert hosts.accepts_origin(f"http://{host}:{PORT}") and hosts.accepts_origin(f"HTTP://{host}:{PORT}")
        assert not hosts.accepts_origin(f"https://{host}:{PORT}") and not hosts.accepts_origin(f"http://{host}:{PORT + 1}")


@pytest.mark.parametrize("name", FOREIGN)
def test_a_name_a_page_chose_is_refused_even_when_host_and_origin_agree(name):
    for hosts in (LOOPBACK, EVERYWHERE):
        assert not hosts.serves(f"{name}:{PORT}") and not hosts.serves(f"{name.upper()}.:{PORT}")
        assert not hosts.accepts_origin(f"http://{name}:{PORT}")


def test_every_interface_answers_the_address_a_request_came_in_on_and_only_the_names_given():
    for address, arrived in (
        ("192.168.1.20", "192.168.1.20"),
        ("10.0.0.5", "10.0.0.5"),
        ("[fe80::1]", "fe80::1"),
        ("[2001:db8::7]", "2001:db8::7"),
    ):
        assert EVERYWHERE.serves(f"{address}:{PORT}", arrived) and EVERYWHERE.accepts_origin(f"http://{address}:{PORT}", arrived)
        assert not LOOPBACK.serves(f"{address}:{PORT}", arrived)
        # Any other address is no address of this machine's: a page at http://1.2.3.4:PORT opens nothing.
        assert not EVERYWHERE.serves(f"1.2.3.4:{PORT}", arrived) and not EVERYWHERE.accepts_origin(f"http://1.2.3.4:{PORT}", arrived)
        assert not EVERYWHERE.serves(f"{address}:{PORT}") and not EVERYWHERE.accepts_origin(f"http://{address}:{PORT}")
    assert EVERYWHERE.serves(f"Teacher.Local.:{PORT}") and not LOOPBACK.serves(f"teacher.local:{PORT}")
    assert EVERYWHERE.accepts_origin("https://slides.example") and EVERYWHERE.accepts_origin("HTTPS://Slides.Example:443")
    assert not EVERYWHERE.accepts_origin("https://slides.example:8443") and not EVERYWHERE.accepts_origin("http://slides.example")


def test_no_origin_is_a_program_not_a_page_and_null_or_garbage_is_refused():
    assert LOOPBACK.accepts_origin(None)
    for origin in ("null", "", "file://", "127.0.0.1:8000", "http://", "http://[::1", "http://a b:8000", "ws://127.0.0.1:8000"):
        assert not LOOPBACK.accepts_origin(origin), origin


@given(st.text(max_size=60))
def test_any_header_is_answered_or_refused_never_an_error(header):
    served = LOOPBACK.serves(header)
    assert isinstance(served, bool) and isinstance(EVERYWHERE.accepts_origin(header), bool)
    if served:  # then it really is one of its own names, at its port
        name, _, port = header.rpartition(":")
        name = name.strip("[]").lower().removesuffix(".")
        with contextlib.suppress(ValueError):
            name = str(ipaddress.ip_address(name))
        assert port == str(PORT) and name in ("127.0.0.1", "localhost", "::1")


@given(st.text(max_size=60))
def test_any_option_value_is_taken_or_refused_in_one_short_line(text):
    for check in (listen_address, allowed_name, allowed_origin):
        try:
            check(text)
        except InputError as error:
            assert "\n" not in str(error) and len(str(error)) < 200 and "\x1b" not in str(error)


def test_listening_everywhere_must_be_asked_for_and_is_said_plainly():
    with pytest.raises(InputError, match="--host: give an address"):
        listen_address("")
    with pytest.raises(InputError, match="--host: give an address"):
        listen_address("   ")
    with pytest.raises(InputError, match="is not an address"):
        listen_address("a b")
    assert where(Hosts("0.0.0.0", 8080)).startswith("serving on every interface (0.0.0.0), port 8080")
    assert where(Hosts("::", 8080)).startswith("serving on every interface (::), port 8080")
    assert where(Hosts("::1", 8080)) == "serving on http://[::1]:8080"
    assert normal_origin("HTTP://Teacher.Example.:80") == "http://teacher.example"
    with pytest.raises(InputError, match="--allow-origin"):
        allowed_origin("http://a\x1b]0;x\x07")
    with pytest.raises(InputError, match="--allow-host"):
        allowed_name("teacher.local:8000")
