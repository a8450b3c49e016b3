"""What every test shares: the presets' runs, trained once, and hypothesis's profiles.

A profile is chosen by HYPOTHESIS_PROFILE: "quick" is the default, for `make test`; "thorough" is
`make stress`'s, with ten times the examples.
"""

import gc
import os
import shutil
import tempfile

import pytest
from hypothesis import HealthCheck, settings

from model import Config, Run, train

# Deadlines mean nothing on a loaded machine; fixtures that hold one run for every example are meant.
_RELAXED = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]}
settings.register_profile("quick", max_examples=40, **_RELAXED)
settings.register_profile("thorough", max_examples=400, **_RELAXED)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))


@pytest.fixture(scope="session")
def noisy() -> Run:
    """The notebook's run: the noisy preset, trained to its end (a run never changes once trained)."""
    return train(Config.of("noisy"))


@pytest.fixture(scope="session")
def easy() -> Run:
    """The easy preset's run, trained to its end."""
    return train(Config.of("easy"))


def pytest_configure(config: pytest.Config) -> None:
    """Each run's temporary folders under a folder of its own, unless --basetemp says where: pytest's default,
    pytest-of-USER, is shared by every run of the same user, and one run cleaning it took another's folders away."""
    if config.option.basetemp is None and not hasattr(config, "workerinput"):  # the workers get theirs under it
        config.option.basetemp = config.stash[_OWN] = tempfile.mkdtemp(prefix="nn-by-hand-tests-")


def pytest_unconfigure(config: pytest.Config) -> None:
    if (own := config.stash.get(_OWN, None)) is not None:
        shutil.rmtree(own, ignore_errors=True)


_OWN = pytest.StashKey[str]()


def pytest_collection_finish(session: pytest.Session) -> None:
    """The modules and tests collected live until the run ends: frozen, they are not scanned again by every full
    collection the hundreds of apps the tests start set off (as the debugger freezes its screen, `tui.app.debugger`)."""
    gc.freeze()
