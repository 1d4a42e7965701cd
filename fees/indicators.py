"""What the CMS status codes and payment policy indicators mean, in our own words."""

# PFS status codes under which the fee schedule amount is paid (T: only when no other
# fee-schedule service is billed the same day, so the amount is still worth showing).
PAYABLE_STATUSES = {"A", "T"}

STATUS = {
    "A": "Active: paid separately under the physician fee schedule.",
    "B": "Bundled: never paid separately; payment is included in other services.",
    "C": "Carrier priced: the Medicare contractor sets the payment case by case.",
    "D": "Deleted: no longer valid for Medicare claims.",
    "E": "Excluded from the physician fee schedule by regulation.",
    "F": "Deleted: no longer valid, with no grace period.",
    "G": "Not valid for Medicare: report the code Medicare uses instead.",
    "H": "Deleted modifier: the code is valid without this modifier.",
    "I": "Not valid for Medicare: Medicare pays this service under another code.",
    "J": "Anesthesia service: paid under the anesthesia fee schedule, not by RVUs.",
    "M": "Measurement code: reported for quality programmes only, not paid.",
    "N": "Not covered by Medicare.",
    "P": "Bundled or excluded: not paid under the physician fee schedule.",
    "R": "Restricted coverage: special rules apply and, if covered, the contractor sets the price.",
    "T": "Paid only when no other fee-schedule service is billed on the same day.",
    "X": "Excluded by statute: paid, if at all, under another Medicare fee schedule.",
}

GLOBAL_DAYS = {
    "000": "0-day post-operative period: care on the day of the procedure is included.",
    "010": "10-day post-operative period: routine follow-up for 10 days is included.",
    "090": "90-day post-operative period, plus the day before surgery: major surgery.",
    "MMM": "Maternity code: the usual global surgery rules do not apply.",
    "XXX": "The global surgery concept does not apply.",
    "YYY": "The Medicare contractor sets the global period.",
    "ZZZ": "Add-on code: falls within the global period of the primary procedure.",
}

# The global period as a summary card shows it, in a word or a number.
GLOBAL_DAYS_SHORT = {
    "000": "0",
    "010": "10",
    "090": "90",
    "MMM": "Maternity",
    "XXX": "Does not apply",
    "YYY": "Set by contractor",
    "ZZZ": "Add-on code",
}

PCTC = {
    "0": "Physician service: cannot be split into professional and technical components.",
    "1": "Diagnostic test: bill modifier 26 or TC for one component, or neither for both.",
    "2": "Professional component only: the code itself is the physician's part.",
    "3": "Technical component only: the code itself is the equipment and staff part.",
    "4": "Global test only: separate codes exist for each component.",
    "5": "Incident-to service: paid when furnished under a physician's supervision.",
    "6": "Laboratory physician interpretation: modifier TC does not apply.",
    "7": "Therapy service: not paid when an independent therapist treats a hospital patient.",
    "8": "Physician interpretation of a clinical laboratory test.",
    "9": "The component concept does not apply.",
}

MULTIPLE_PROCEDURE = {
    "0": "No reduction when billed with other procedures.",
    "1": "Older standard reduction rules (in effect before 1995) apply.",
    "2": "Standard rule: highest-valued procedure at 100%, the others at 50%.",
    "3": "Endoscopy rule: related endoscopies are paid as a family from the base code.",
    "4": "Diagnostic imaging reduction applies to the technical (and professional) component.",
    "5": "Therapy reduction applies to practice expense of the second and later services.",
    "6": "Diagnostic cardiovascular reduction applies to the technical component.",
    "7": "Diagnostic ophthalmology reduction applies to the technical component.",
    "9": "The multiple procedure concept does not apply.",
}

BILATERAL_SURGERY = {
    "0": "No bilateral adjustment: modifier 50 does not raise the payment.",
    "1": "Bilateral with modifier 50 pays 150% of the fee (or the charge, if lower).",
    "2": "Already bilateral by definition: paid at 100% even with modifier 50.",
    "3": "Each side is paid at 100% when both are done.",
    "9": "The bilateral concept does not apply.",
}

ASSISTANT_SURGERY = {
    "0": "Assistant at surgery paid only with documentation of medical necessity.",
    "1": "Assistant at surgery is never paid (statutory restriction).",
    "2": "Assistant at surgery may be paid.",
    "9": "The assistant-at-surgery concept does not apply.",
}

CO_SURGEONS = {
    "0": "Co-surgeons are not paid.",
    "1": "Co-surgeons paid with documentation that two surgeons were needed.",
    "2": "Co-surgeons paid without documentation when their specialties differ.",
    "9": "The co-surgeon concept does not apply.",
}

TEAM_SURGERY = {
    "0": "Team surgeons are not paid.",
    "1": "Team surgeons paid with documentation that a team was needed.",
    "2": "Team surgeons may be paid, priced case by case.",
    "9": "The team surgery concept does not apply.",
}

# OPPS status indicators and ASC payment indicators seen on surgical codes; others are
# shown by letter with a general sentence.
HOSPITAL_OUTPATIENT_STATUS = {
    "J1": "Comprehensive APC: one payment covers the primary service and related items.",
    "J2": "Comprehensive observation payment when the criteria are met.",
    "T": "Significant procedure, reduced when billed with other T procedures.",
    "S": "Significant procedure, not reduced when billed with others.",
    "Q1": "Packaged with other S, T or V services; paid separately otherwise.",
    "Q2": "Packaged with T services; paid separately otherwise.",
    "N": "Packaged: no separate payment.",
    "C": "Inpatient only: not paid in the hospital outpatient setting.",
    "E1": "Not paid by Medicare in this setting.",
    "B": "Not recognised under OPPS: another code is used.",
}

SURGERY_CENTER_PAYMENT = {
    "A2": "Surgical procedure paid at the ASC rate set from the OPPS relative weight.",
    "G2": "Non-office-based surgical procedure, paid at the ASC rate.",
    "J8": "Device-intensive procedure: the rate includes the device cost.",
    "P2": "Office-based procedure paid at the ASC rate.",
    "P3": "Office-based procedure paid at the physician fee schedule practice expense rate.",
    "R2": "Office-based procedure paid at the ASC rate.",
    "N1": "Packaged service: no separate payment.",
}


def meaning(table: dict[str, str], value: str) -> str:
    """The explanation of an indicator value, or a plain note when CMS added a new one."""
    return table.get(value, f"Indicator {value}: see the CMS file's documentation.")
