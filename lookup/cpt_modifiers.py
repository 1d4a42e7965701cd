"""CPT (HCPCS Level I) modifiers: each number with a name and what it tells a payer, in our
own words.

The AMA's descriptors are licensed text, so none is copied: the numbers and what each is
for are facts, written here plainly. `also` holds other words coders use for one
("bilateral" for 50), so that search finds it by them. Shown on the HCPCS modifier page
beside the Level II modifiers of the CMS file.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class CptModifier:
    code: str
    name: str
    description: str
    also: tuple[str, ...] = ()


CPT_MODIFIERS = (
    CptModifier("22", "Increased procedural services",
                "The work was substantially greater than the procedure usually takes.",
                ("unusual procedural services",)),
    CptModifier("23", "Unusual anesthesia",
                "General anesthesia for a procedure usually done with local or none."),
    CptModifier("24", "Unrelated E/M service in a postoperative period",
                "An evaluation and management visit by the same physician during a global "
                "period, for a problem unrelated to the surgery.",
                ("unrelated evaluation and management postoperative",)),
    CptModifier("25", "Significant, separately identifiable E/M service",
                "A visit beyond the usual pre- and post-procedure care, on the same day as a "
                "procedure by the same physician.",
                ("separate evaluation and management same day", "separately identifiable")),
    CptModifier("26", "Professional component",
                "Only the physician's part (the reading and report) of a service that also "
                "has a technical part.",
                ("interpretation only",)),
    CptModifier("27", "Multiple outpatient hospital E/M encounters on the same date",
                "A hospital outpatient department's second or later visit of the day."),
    CptModifier("32", "Mandated services",
                "A service required by a payer, an agency or a law, such as a second opinion."),
    CptModifier("33", "Preventive services",
                "A preventive service with no patient cost sharing under the law."),
    CptModifier("47", "Anesthesia by surgeon",
                "Regional or general anesthesia given by the surgeon doing the procedure."),
    CptModifier("50", "Bilateral procedure",
                "The same procedure done on both sides of the body in one session.",
                ("both sides", "bilateral")),
    CptModifier("51", "Multiple procedures",
                "More than one procedure done in the same session by the same provider."),
    CptModifier("52", "Reduced services",
                "Part of a procedure was not done, at the physician's choice.",
                ("partially reduced",)),
    CptModifier("53", "Discontinued procedure",
                "A procedure stopped after it began, because the patient's health was at risk."),
    CptModifier("54", "Surgical care only",
                "The surgeon did the operation; another provider gives the care before and "
                "after."),
    CptModifier("55", "Postoperative management only",
                "Only the care after the operation; another physician operated.",
                ("postop care only",)),
    CptModifier("56", "Preoperative management only",
                "Only the care before the operation; another physician operated.",
                ("preop care only",)),
    CptModifier("57", "Decision for surgery",
                "The visit at which the decision to do a major operation was made, on the day "
                "before or the day of it."),
    CptModifier("58", "Staged or related procedure in a postoperative period",
                "A planned, more extensive or therapeutic follow-on procedure by the same "
                "physician during the global period.",
                ("staged procedure",)),
    CptModifier("59", "Distinct procedural service",
                "A procedure independent of others done the same day: another session, site, "
                "organ system, incision, lesion or injury.",
                ("separate procedure same day",)),
    CptModifier("62", "Two surgeons",
                "Two surgeons of different skills each do a distinct part of one procedure.",
                ("co-surgeons", "co-surgery")),
    CptModifier("63", "Procedure on an infant under 4 kg",
                "Extra work of a procedure on a neonate or infant weighing less than 4 kg."),
    CptModifier("66", "Surgical team",
                "A highly complex procedure needing a team of several physicians."),
    CptModifier("73", "Discontinued outpatient procedure before anesthesia",
                "A hospital outpatient or surgery center procedure cancelled after preparation "
                "but before anesthesia was given."),
    CptModifier("74", "Discontinued outpatient procedure after anesthesia",
                "A hospital outpatient or surgery center procedure stopped after anesthesia "
                "was given or the procedure began."),
    CptModifier("76", "Repeat procedure by the same physician",
                "The same procedure done again, later the same day, by the same physician.",
                ("repeat procedure same physician",)),
    CptModifier("77", "Repeat procedure by another physician",
                "The same procedure done again by a different physician."),
    CptModifier("78", "Unplanned return to the operating room",
                "A related procedure by the same physician during the global period, needing "
                "a return to the operating or procedure room.",
                ("return to OR",)),
    CptModifier("79", "Unrelated procedure in a postoperative period",
                "A procedure by the same physician during the global period, unrelated to "
                "the first one."),
    CptModifier("80", "Assistant surgeon",
                "A physician who assisted the surgeon throughout the operation.",
                ("assistant at surgery",)),
    CptModifier("81", "Minimum assistant surgeon",
                "A physician who assisted only for part of the operation."),
    CptModifier("82", "Assistant surgeon when no qualified resident was available",
                "Assistance by a physician in a teaching setting where no qualified resident "
                "surgeon could assist."),
    CptModifier("90", "Reference (outside) laboratory",
                "A laboratory test the billing provider sent to another laboratory.",
                ("outside lab",)),
    CptModifier("91", "Repeat clinical diagnostic laboratory test",
                "The same laboratory test repeated on the same day for new results, not to "
                "check the first one.",
                ("repeat lab test",)),
    CptModifier("92", "Alternative laboratory platform testing",
                "A laboratory test done with a single-use, portable kit or device."),
    CptModifier("93", "Synchronous telemedicine by audio only",
                "A service given in real time over a telephone or other audio-only link.",
                ("telephone", "audio only telehealth")),
    CptModifier("95", "Synchronous telemedicine by audio and video",
                "A service given in real time over an interactive audio and video link.",
                ("telehealth", "video visit")),
    CptModifier("96", "Habilitative services",
                "Therapy that helps a patient gain skills they never had."),
    CptModifier("97", "Rehabilitative services",
                "Therapy that helps a patient regain skills lost to illness or injury."),
    CptModifier("99", "Multiple modifiers",
                "Two or more other modifiers apply to the service."),
)  # fmt: skip
