"""The demo site a first `make run` serves: the demo catalogue, its Medicare fee excerpts,
the demo job board and the sample payer policies. Loading adds what is missing and changes
nothing an editor made."""

from careers.demo import load_demo_jobs
from fees.demo import load_demo_fees
from lookup.demo_data import DEMO_DATA_DIR, load_demo_catalogue
from payers.demo import load_demo_payer_policies


def load_demo_data() -> dict[str, dict[str, int]]:
    """Load every demo part; what each part added, by kind."""
    catalogue = load_demo_catalogue(DEMO_DATA_DIR)
    return {
        "catalogue": {f"{name} added": number for name, number in catalogue.items()},
        "fees": {"fee files added": load_demo_fees()},
        "jobs": load_demo_jobs(),
        "payers": {"sample payer policies added": load_demo_payer_policies()},
    }
