"""What the physician fee schedule's status codes and payment policy indicators mean, as a
sentence about one code, in our own words.

The meanings are those CMS documents for its PFS relative value file (the file's record
layout and the Medicare Claims Processing Manual, chapter 12, on global surgery, multiple,
bilateral, assistant, co- and team surgery). Each sentence names the code, so that it reads
on its own: the code page lists them, and CasePilot may state them as answers.
"""

from dataclasses import dataclass

# PFS status codes under which the fee schedule amount is paid (T: only when no other
# fee-schedule service is billed the same day, so the amount is still worth showing).
PAYABLE_STATUSES = {"A", "T"}


@dataclass(frozen=True)
class PaymentRule:
    """One column of the PFS file: its label on the page and a sentence per value, in
    which {code} stands for the code."""

    label: str
    sentences: dict[str, str]

    def sentence(self, value: str, code: str) -> str:
        """What `value` means for `code`, or a plain note for a value CMS added since."""
        template = self.sentences.get(value)
        if template is None:
            return (
                f"{code} has {self.label.lower()} indicator {value}, a value this site does "
                "not explain yet: see the CMS file's documentation."
            )
        return template.format(code=code)


STATUS = PaymentRule(
    "Status",
    {
        "A": "{code} is active: Medicare pays it separately under the physician fee schedule "
        "when the service is covered.",
        "B": "{code} is bundled: Medicare never pays it separately, as its payment is part of "
        "the services it goes with.",
        "C": "{code} is carrier priced: the Medicare contractor sets its payment, often case "
        "by case.",
        "D": "{code} is deleted from the physician fee schedule.",
        "E": "{code} is excluded from the physician fee schedule by regulation: any Medicare "
        "payment for it is made under another payment system.",
        "F": "{code} is deleted from the physician fee schedule, with no grace period.",
        "G": "{code} is not valid for Medicare claims: Medicare uses another code for this "
        "service.",
        "H": "This modifier of {code} is deleted: report {code} without it.",
        "I": "{code} is not valid for Medicare claims: Medicare uses another code to report "
        "and pay for this service.",
        "J": "{code} is an anesthesia service: Medicare pays it under the anesthesia fee "
        "schedule (base and time units), not by relative value units.",
        "M": "{code} is a quality measurement code: it reports data and carries no payment.",
        "N": "Medicare does not cover {code}.",
        "P": "Medicare does not pay {code} under the physician fee schedule: when covered, it "
        "is bundled into a physician's service the same day or paid under another fee "
        "schedule.",
        "R": "Medicare covers {code} only under special rules, and where it does, the "
        "contractor sets the payment.",
        "T": "Medicare pays {code} only when the same provider bills no other physician fee "
        "schedule service on the same day; otherwise its payment is bundled into that "
        "service.",
        "X": "{code} is not a physician service as the Medicare law defines it: any payment "
        "for it is made under another fee schedule (a laboratory or ambulance service, for "
        "instance).",
    },
)

GLOBAL_PERIOD = PaymentRule(
    "Global period",
    {
        "000": "{code} has a 0-day global period: its payment covers related care on the day "
        "of the procedure only, and a visit that day is generally not paid separately.",
        "010": "{code} has a 10-day global period: its payment covers related care on the "
        "day of the procedure and routine follow-up for the 10 days after it; visits in "
        "that time are generally not paid separately.",
        "090": "{code} has a 90-day global period (major surgery): its payment covers related "
        "care from the day before the procedure, the day itself and the 90 days after it.",
        "MMM": "{code} is a maternity code: the usual global surgery rules do not apply to it.",
        "XXX": "{code} has no global period: the global surgery rules do not apply to it.",
        "YYY": "The Medicare contractor sets the global period of {code}.",
        "ZZZ": "{code} is an add-on code: it falls within the global period of the primary "
        "procedure it is reported with.",
    },
)

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

PROFESSIONAL_TECHNICAL = PaymentRule(
    "PC/TC",
    {
        "0": "{code} is a physician service that has no professional and technical "
        "components: modifiers 26 and TC do not apply to it.",
        "1": "{code} is a diagnostic test with a professional and a technical component: "
        "bill modifier 26 for the interpretation alone, TC for the equipment and staff "
        "alone, or neither for both.",
        "2": "{code} is itself the professional component of a test (the interpretation "
        "alone): modifiers 26 and TC do not apply to it.",
        "3": "{code} is itself the technical component of a test (the equipment and staff "
        "alone): modifiers 26 and TC do not apply to it.",
        "4": "{code} is the whole test only: other codes describe its professional and "
        "technical components, so modifiers 26 and TC do not apply to it.",
        "5": "{code} is an incident-to service, furnished by staff under a physician's "
        "supervision: modifiers 26 and TC do not apply, and Medicare does not pay it under "
        "the fee schedule for hospital patients.",
        "6": "{code} is a laboratory physician interpretation: Medicare pays for the "
        "interpretation, and modifier TC does not apply to it.",
        "7": "{code} is a therapy service Medicare does not pay when an independent physical "
        "or occupational therapist furnishes it to a hospital patient.",
        "8": "{code} is a physician's interpretation of a laboratory test, paid only when a "
        "physician reads an abnormal result for a hospital inpatient; modifier TC does not "
        "apply to it.",
        "9": "The professional and technical component rules do not apply to {code}.",
    },
)

MULTIPLE_PROCEDURE = PaymentRule(
    "Multiple procedures",
    {
        "0": "No multiple procedure reduction applies to {code}: Medicare pays its full fee "
        "alongside other procedures the same day.",
        "1": "{code} follows the multiple procedure rules in force before 1996.",
        "2": "Standard multiple surgery rules apply to {code}: with other procedures in the "
        "same session (modifier 51), Medicare pays the highest-valued one at 100% and the "
        "others at 50%.",
        "3": "{code} is an endoscopy: with another endoscopy of the same family in one "
        "session, Medicare pays the highest-valued one in full and, for each other, its "
        "value less that of the family's base endoscopy.",
        "4": "{code} is diagnostic imaging under the multiple procedure reduction: with other "
        "imaging of its family in the same session, Medicare pays the technical component "
        "of the second and later services at 50% and their professional component at 95%.",
        "5": "{code} is a therapy service under the multiple procedure reduction: Medicare "
        "pays the practice expense of the second and later therapy services on the same day "
        "at 50%.",
        "6": "{code} is a diagnostic cardiovascular service under the multiple procedure "
        "reduction: Medicare pays the technical component of the second and later such "
        "services on the same day at 75%.",
        "7": "{code} is a diagnostic eye service under the multiple procedure reduction: "
        "Medicare pays the technical component of the second and later such services on "
        "the same day at 80%.",
        "9": "The multiple procedure rules do not apply to {code}.",
    },
)

BILATERAL_SURGERY = PaymentRule(
    "Bilateral surgery",
    {
        "0": "{code} has no bilateral payment: billed for both sides (modifier 50, or RT and "
        "LT), it is paid at most 100% of its fee.",
        "1": "{code} may be billed as bilateral: done on both sides in one session, it takes "
        "modifier 50 and Medicare pays 150% of its fee (or the charge, if lower).",
        "2": "{code} is already valued as bilateral: Medicare pays 100% of its fee, with or "
        "without modifier 50.",
        "3": "{code} is paid per side: done on both sides, each side is paid at 100% of its "
        "fee, as for imaging and other diagnostic tests.",
        "9": "The bilateral surgery rules do not apply to {code}.",
    },
)

ASSISTANT_SURGERY = PaymentRule(
    "Assistant at surgery",
    {
        "0": "Medicare pays an assistant at surgery on {code} only with documentation that "
        "the assistant was medically necessary.",
        "1": "Medicare never pays an assistant at surgery on {code} (a restriction in law).",
        "2": "Medicare pays an assistant at surgery on {code} (modifier 80, 81, 82 or AS).",
        "9": "The assistant-at-surgery rules do not apply to {code}.",
    },
)

CO_SURGEONS = PaymentRule(
    "Co-surgeons",
    {
        "0": "Medicare does not pay co-surgeons on {code} (modifier 62).",
        "1": "Medicare pays co-surgeons on {code} (modifier 62) only with documentation that "
        "two surgeons were needed.",
        "2": "Medicare pays co-surgeons on {code} (modifier 62) without more documentation "
        "when the two surgeons are of different specialties.",
        "9": "The co-surgeon rules do not apply to {code}.",
    },
)

TEAM_SURGERY = PaymentRule(
    "Team surgery",
    {
        "0": "Medicare does not pay a surgical team on {code} (modifier 66).",
        "1": "Medicare pays a surgical team on {code} (modifier 66) only with documentation "
        "that a team was needed, at a price the contractor sets case by case.",
        "2": "Medicare pays a surgical team on {code} (modifier 66), at a price the contractor "
        "sets case by case.",
        "9": "The team surgery rules do not apply to {code}.",
    },
)

DIAGNOSTIC_IMAGING = PaymentRule(
    "Diagnostic imaging family",
    {
        "88": "{code} belongs to the diagnostic imaging family of the multiple procedure "
        "reduction: with other imaging of that family in the same session, its payment may "
        "be reduced.",
        "99": "The diagnostic imaging reduction does not apply to {code}.",
    },
)

# The payment policy indicators a code page lists, each with the PhysicianFee field that
# holds its value, in the order the page shows them.
PAYMENT_RULES = [
    (PROFESSIONAL_TECHNICAL, "pctc_indicator"),
    (MULTIPLE_PROCEDURE, "multiple_procedure"),
    (BILATERAL_SURGERY, "bilateral_surgery"),
    (ASSISTANT_SURGERY, "assistant_surgery"),
    (CO_SURGEONS, "co_surgeons"),
    (TEAM_SURGERY, "team_surgery"),
    (DIAGNOSTIC_IMAGING, "diagnostic_imaging_family"),
]

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
    """The explanation of an OPPS or ASC indicator, or a plain note when CMS added a new one."""
    return table.get(value, f"Indicator {value}: see the CMS file's documentation.")
