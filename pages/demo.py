"""The demo site a first `make run` serves: the demo catalogue, its Medicare fee excerpts,
the demo job board and the sample payer policies. Loading adds what is missing and changes
nothing an editor made."""

from assistant.indexing import rebuild_index
from careers.demo import load_demo_jobs
from fees.demo import load_demo_fees
from fees.selectors import PRICED_SYSTEMS
from lookup.demo_data import DEMO_DATA_DIR, load_demo_catalogue
from lookup.models import Code
from payers.demo import load_demo_payer_policies


def load_demo_data() -> dict[str, dict[str, int]]:
    """Load every demo part; what each part added, by kind."""
    catalogue = load_demo_catalogue(DEMO_DATA_DIR)
    fee_files = load_demo_fees()
    if fee_files:
        # The fee importers write in bulk, with no save signal: CasePilot's index learns the
        # priced codes' fee facts here.
        rebuild_index(codes=Code.objects.filter(system__slug__in=PRICED_SYSTEMS))
    return {
        "catalogue": {f"{name} added": number for name, number in catalogue.items()},
        "fees": {"fee files added": fee_files},
        "jobs": load_demo_jobs(),
        "payers": {"sample payer policies added": load_demo_payer_policies()},
    }
