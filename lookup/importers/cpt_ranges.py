"""The ranges of CPT codes we name: the main sections and, under them, the body systems and
kinds of service. A range's span is a fact (the first and last code it holds); its name is
ours, never a CPT heading's wording. A code sits under the narrowest range that holds it.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class NamedRange:
    span: str  # first and last code, "27301-27599"
    name: str
    parent: str | None = None  # the span it sits under; None for a main section

    @property
    def first(self) -> str:
        return self.span.partition("-")[0]

    @property
    def last(self) -> str:
        return self.span.partition("-")[2]


ANESTHESIA = "00100-01999"
SURGERY = "10004-69990"
SKIN = "10030-19499"
MUSCULOSKELETAL = "20100-29999"
RESPIRATORY = "30000-32999"
CARDIOVASCULAR = "33016-37799"
DIGESTIVE = "40490-49999"
URINARY = "50010-53899"
MALE_GENITAL = "54000-55899"
FEMALE_GENITAL = "56405-58999"
NERVOUS = "61000-64999"
EYE = "65091-68899"
EAR = "69000-69979"
RADIOLOGY = "70010-79999"
DIAGNOSTIC_IMAGING = "70010-76499"
LABORATORY = "80047-89398"
MEDICINE = "90281-99607"
EVALUATION_AND_MANAGEMENT = "99202-99499"
CATEGORY_II = "0001F-9007F"
CATEGORY_III = "0042T-1999T"
PROPRIETARY_LABORATORY = "0001U-0999U"

MAIN_SECTIONS = [
    NamedRange(ANESTHESIA, "Anesthesia"),
    NamedRange(SURGERY, "Surgery"),
    NamedRange(RADIOLOGY, "Radiology"),
    NamedRange(LABORATORY, "Pathology and laboratory"),
    NamedRange(MEDICINE, "Medicine"),
    NamedRange(EVALUATION_AND_MANAGEMENT, "Evaluation and management"),
    NamedRange(CATEGORY_II, "Category II performance measures"),
    NamedRange(CATEGORY_III, "Category III emerging technology"),
    NamedRange(PROPRIETARY_LABORATORY, "Proprietary laboratory analyses"),
]


def under(parent: str, *ranges: tuple[str, str]) -> list[NamedRange]:
    return [NamedRange(span, name, parent) for span, name in ranges]


RANGES = [
    *under(
        ANESTHESIA,
        ("00100-00222", "Anesthesia for head procedures"),
        ("00300-00352", "Anesthesia for neck procedures"),
        ("00400-00474", "Anesthesia for chest wall and shoulder girdle procedures"),
        ("00500-00580", "Anesthesia for procedures inside the chest"),
        ("00600-00670", "Anesthesia for spine and spinal cord procedures"),
        ("00700-00797", "Anesthesia for upper abdomen procedures"),
        ("00800-00882", "Anesthesia for lower abdomen procedures"),
        ("00902-00952", "Anesthesia for perineum procedures"),
        ("01112-01173", "Anesthesia for pelvis procedures, hip excepted"),
        ("01200-01274", "Anesthesia for hip and upper leg procedures"),
        ("01320-01444", "Anesthesia for knee and back-of-knee procedures"),
        ("01462-01522", "Anesthesia for lower leg, ankle and foot procedures"),
        ("01610-01682", "Anesthesia for shoulder and armpit procedures"),
        ("01710-01782", "Anesthesia for upper arm and elbow procedures"),
        ("01810-01860", "Anesthesia for forearm, wrist and hand procedures"),
        ("01916-01942", "Anesthesia for imaging-guided procedures"),
        ("01951-01953", "Anesthesia for burn care"),
        ("01958-01969", "Anesthesia for labor, delivery and obstetric procedures"),
        ("01990-01999", "Anesthesia for other procedures"),
    ),
    *under(
        SURGERY,
        ("10004-10021", "Fine needle aspiration biopsy"),
        (SKIN, "Skin, soft tissue, nail and breast surgery"),
        (MUSCULOSKELETAL, "Bone, joint and muscle surgery"),
        (RESPIRATORY, "Nose, sinus, throat, airway and lung surgery"),
        (CARDIOVASCULAR, "Heart and blood vessel surgery"),
        ("38100-38999", "Spleen, bone marrow and lymph node procedures"),
        ("39000-39599", "Mediastinum and diaphragm surgery"),
        (DIGESTIVE, "Digestive system surgery"),
        (URINARY, "Kidney, ureter, bladder and urethra surgery"),
        (MALE_GENITAL, "Male genital surgery"),
        ("55920-55980", "Other genital and reproductive procedures"),
        (FEMALE_GENITAL, "Female genital surgery"),
        ("59000-59899", "Pregnancy, delivery and postpartum care"),
        ("60000-60699", "Thyroid, parathyroid, adrenal and thymus surgery"),
        (NERVOUS, "Brain, spine and nerve surgery"),
        (EYE, "Eye and eyelid surgery"),
        (EAR, "Ear surgery"),
        ("69990-69990", "Operating microscope use"),
    ),
    *under(
        SKIN,
        ("10030-10180", "Incision and drainage of skin and soft tissue"),
        ("11000-11057", "Debridement and paring of skin"),
        ("11102-11107", "Skin biopsy"),
        ("11200-11471", "Removal of skin tags and benign skin lesions"),
        ("11600-11646", "Excision of malignant skin lesions"),
        ("11719-11765", "Nail procedures"),
        ("11900-11983", "Injections, implants and tissue expanders in skin"),
        ("12001-13160", "Wound repair and closure"),
        ("14000-14350", "Adjacent tissue transfer"),
        ("15002-15278", "Skin grafts and skin substitutes"),
        ("15570-15999", "Flaps, other grafts and pressure ulcer surgery"),
        ("16000-16036", "Burn care"),
        ("17000-17286", "Destruction of skin lesions"),
        ("17311-17315", "Mohs micrographic surgery"),
        ("17340-17999", "Other skin treatments"),
        ("19000-19499", "Breast procedures"),
    ),
    *under(
        MUSCULOSKELETAL,
        ("20100-20999", "General musculoskeletal procedures, any site"),
        ("21010-21499", "Skull, face and jaw procedures"),
        ("21501-21899", "Neck and chest wall procedures"),
        ("21920-21936", "Back and flank soft tissue procedures"),
        ("22010-22899", "Spine procedures"),
        ("22900-22999", "Abdominal wall soft tissue procedures"),
        ("23000-23929", "Shoulder procedures"),
        ("23930-24999", "Upper arm and elbow procedures"),
        ("25000-25999", "Forearm and wrist procedures"),
        ("26010-26989", "Hand and finger procedures"),
        ("26990-27299", "Pelvis and hip procedures"),
        ("27301-27599", "Femur, thigh and knee procedures"),
        ("27600-27899", "Lower leg and ankle procedures"),
        ("28001-28899", "Foot and toe procedures"),
        ("29000-29799", "Casts and strapping"),
        ("29800-29999", "Arthroscopy"),
    ),
    *under(
        RESPIRATORY,
        ("30000-30999", "Nose procedures"),
        ("31000-31299", "Sinus procedures"),
        ("31300-31599", "Larynx procedures"),
        ("31600-31899", "Trachea and bronchus procedures"),
        ("32035-32999", "Lung and pleura procedures"),
    ),
    *under(
        CARDIOVASCULAR,
        ("33016-33999", "Heart and pericardium procedures"),
        ("34001-35907", "Artery and vein repair, bypass and removal of blockages"),
        ("36000-36598", "Vascular injections, catheters and venous access"),
        ("36600-36909", "Arterial catheters, bone marrow access and dialysis access"),
        ("37140-37799", "Portal decompression, transcatheter and other vessel procedures"),
    ),
    *under(
        DIGESTIVE,
        ("40490-40899", "Lip and mouth procedures"),
        ("41000-41599", "Tongue and floor of mouth procedures"),
        ("41800-41899", "Gum and tooth socket procedures"),
        ("42000-42299", "Palate and uvula procedures"),
        ("42300-42699", "Salivary gland procedures"),
        ("42700-42999", "Throat, adenoid and tonsil procedures"),
        ("43020-43499", "Esophagus procedures"),
        ("43500-43999", "Stomach procedures"),
        ("44005-44899", "Small intestine and mesentery procedures"),
        ("44900-44979", "Appendix procedures"),
        ("45000-45999", "Rectum and colon endoscopy procedures"),
        ("46020-46999", "Anus procedures"),
        ("47000-47399", "Liver procedures"),
        ("47400-47999", "Gallbladder and bile duct procedures"),
        ("48000-48999", "Pancreas procedures"),
        ("49000-49999", "Abdomen, peritoneum and hernia procedures"),
    ),
    *under(
        URINARY,
        ("50010-50593", "Kidney procedures"),
        ("50600-50980", "Ureter procedures"),
        ("51020-52700", "Bladder procedures and cystoscopy"),
        ("53000-53899", "Urethra procedures"),
    ),
    *under(
        MALE_GENITAL,
        ("54000-54450", "Penis procedures"),
        ("54500-55180", "Testis, epididymis and scrotum procedures"),
        ("55200-55680", "Vas deferens, spermatic cord and seminal vesicle procedures"),
        ("55700-55899", "Prostate procedures"),
    ),
    *under(
        FEMALE_GENITAL,
        ("56405-56821", "Vulva and perineum procedures"),
        ("57000-57426", "Vagina procedures"),
        ("57452-57800", "Cervix procedures"),
        ("58100-58579", "Uterus procedures"),
        ("58600-58960", "Fallopian tube and ovary procedures"),
        ("58970-58999", "In vitro fertilization procedures"),
    ),
    *under(
        NERVOUS,
        ("61000-62258", "Skull, meninges and brain procedures"),
        ("62263-63746", "Spine and spinal cord procedures"),
        ("64400-64530", "Nerve blocks and spinal injections"),
        ("64553-64999", "Peripheral nerve procedures and neurostimulators"),
    ),
    *under(
        EYE,
        ("65091-65290", "Eyeball procedures"),
        ("65400-66770", "Cornea, anterior chamber, sclera and iris procedures"),
        ("66820-66999", "Lens and cataract surgery"),
        ("67005-67299", "Retina, vitreous and back-of-eye procedures"),
        ("67311-67999", "Eye muscle, orbit and eyelid procedures"),
        ("68020-68899", "Conjunctiva and tear duct procedures"),
    ),
    *under(
        EAR,
        ("69000-69399", "Outer ear procedures"),
        ("69420-69799", "Middle ear procedures"),
        ("69801-69979", "Inner ear and temporal bone procedures"),
    ),
    *under(
        RADIOLOGY,
        (DIAGNOSTIC_IMAGING, "Diagnostic imaging: X-ray, CT, MRI and angiography"),
        ("76506-76999", "Diagnostic ultrasound"),
        ("77001-77022", "Imaging guidance"),
        ("77046-77067", "Breast imaging"),
        ("77071-77092", "Bone and joint studies"),
        ("77261-77799", "Radiation oncology"),
        ("78012-79999", "Nuclear medicine"),
    ),
    *under(
        DIAGNOSTIC_IMAGING,
        ("70010-70559", "Head and neck imaging"),
        ("71045-71555", "Chest imaging"),
        ("72020-72295", "Spine and pelvis imaging"),
        ("73000-73225", "Upper limb imaging"),
        ("73501-73725", "Lower limb imaging"),
        ("74018-74485", "Abdomen, digestive and urinary tract imaging"),
        ("74710-74775", "Pelvic and obstetric imaging"),
        ("75557-75989", "Heart and blood vessel imaging"),
        ("76000-76499", "Fluoroscopy and other imaging"),
    ),
    *under(
        LABORATORY,
        ("80047-80081", "Organ and disease panels"),
        ("80143-80377", "Drug levels and drug testing"),
        ("80400-80439", "Stimulation and suppression tests"),
        ("80503-80506", "Pathology consultations"),
        ("81000-81099", "Urinalysis"),
        ("81105-81479", "Molecular pathology"),
        ("81490-81599", "Multianalyte assays with algorithms"),
        ("82009-84999", "Chemistry"),
        ("85002-85999", "Hematology and coagulation"),
        ("86000-86849", "Immunology"),
        ("86850-86999", "Transfusion medicine"),
        ("87003-87999", "Microbiology"),
        ("88000-88099", "Autopsy"),
        ("88104-88199", "Cytopathology"),
        ("88230-88299", "Chromosome studies"),
        ("88300-88399", "Surgical pathology"),
        ("88720-88749", "Transcutaneous laboratory measurements"),
        ("89049-89240", "Other laboratory procedures"),
        ("89250-89398", "Fertility laboratory procedures"),
    ),
    *under(
        MEDICINE,
        ("90281-90399", "Immune globulins"),
        ("90460-90474", "Vaccine and immunization administration"),
        ("90476-90759", "Vaccines and toxoids"),
        ("90785-90899", "Psychiatry and psychotherapy"),
        ("90901-90913", "Biofeedback"),
        ("90935-90999", "Dialysis"),
        ("91010-91299", "Gastroenterology tests"),
        ("91300-91399", "COVID-19 vaccines"),
        ("92002-92499", "Eye examinations and vision services"),
        ("92502-92700", "Hearing, speech and balance services"),
        ("92920-93799", "Heart tests, catheterization and cardiac procedures"),
        ("93880-93998", "Vascular ultrasound studies"),
        ("94002-94799", "Lung function and breathing treatments"),
        ("95004-95199", "Allergy testing and immunotherapy"),
        ("95249-95251", "Continuous glucose monitoring"),
        ("95700-96020", "Neurology tests: EEG, EMG, nerve conduction and sleep studies"),
        ("96040-96041", "Genetic counseling"),
        ("96105-96146", "Neuropsychological and developmental testing"),
        ("96156-96203", "Health behavior services"),
        ("96360-96549", "Infusions, injections and chemotherapy administration"),
        ("96567-96574", "Photodynamic therapy"),
        ("96900-96999", "Dermatology treatments"),
        ("97000-97799", "Physical medicine and rehabilitation"),
        ("97802-97804", "Medical nutrition therapy"),
        ("97810-97814", "Acupuncture"),
        ("98000-98016", "Telemedicine visits"),
        ("98925-98929", "Osteopathic manipulative treatment"),
        ("98940-98943", "Chiropractic manipulative treatment"),
        ("98960-98962", "Patient self-management education"),
        ("98966-98999", "Remote monitoring and non-face-to-face services"),
        ("99000-99091", "Special services and reports"),
        ("99100-99140", "Anesthesia qualifying circumstances"),
        ("99151-99157", "Moderate sedation"),
        ("99170-99199", "Other medicine services"),
        ("99500-99607", "Home health services and medication therapy management"),
    ),
    *under(
        EVALUATION_AND_MANAGEMENT,
        ("99202-99215", "Office and outpatient visits"),
        ("99221-99239", "Hospital inpatient and observation care"),
        ("99242-99255", "Consultations"),
        ("99281-99288", "Emergency department visits"),
        ("99291-99292", "Critical care"),
        ("99304-99316", "Nursing facility visits"),
        ("99341-99350", "Home and residence visits"),
        ("99358-99360", "Prolonged service without the patient and standby"),
        ("99366-99368", "Medical team conferences"),
        ("99374-99380", "Care plan oversight"),
        ("99381-99429", "Preventive medicine visits and counseling"),
        ("99415-99418", "Prolonged services"),
        ("99421-99423", "Online digital visits"),
        ("99424-99427", "Principal care management"),
        ("99437-99439", "Chronic care management by clinical staff"),
        ("99445-99459", "Interprofessional consultations and remote monitoring"),
        ("99460-99465", "Newborn care"),
        ("99466-99486", "Neonatal and pediatric critical and intensive care"),
        ("99487-99491", "Complex and chronic care management"),
        ("99492-99494", "Psychiatric collaborative care"),
        ("99495-99496", "Transitional care management"),
        ("99497-99499", "Advance care planning and other visits"),
    ),
    *under(
        CATEGORY_II,
        ("0001F-0015F", "Composite measures"),
        ("0500F-0584F", "Patient management measures"),
        ("1000F-1505F", "Patient history measures"),
        ("2000F-2060F", "Physical examination measures"),
        ("3006F-3776F", "Diagnostic and screening result measures"),
        ("4000F-4563F", "Treatment and prevention measures"),
        ("5005F-5250F", "Follow-up and outcome measures"),
        ("6005F-6150F", "Patient safety measures"),
        ("7010F-7025F", "Structural measures"),
        ("9001F-9007F", "Other measure codes"),
    ),
]

CPT_RANGES = MAIN_SECTIONS + RANGES


def span_width(span: str) -> int:
    """How many codes of its shape a span holds, less one."""
    first, _, last = span.partition("-")
    if first[-1].isalpha():
        first, last = first[:-1], last[:-1]
    return int(last) - int(first)


def shape(code: str) -> tuple[int, str]:
    """Codes of one shape sort among themselves: 27323 and 0042T are of different shapes."""
    return len(code), code[-1] if code[-1].isalpha() else ""


def narrowest_holders(codes: list[str], spans: list[str]) -> dict[str, str | None]:
    """Each code's narrowest span among `spans` (0042T-1999T holds 0100T, not 01000 or
    0100F), None for a code no span holds. Spans that are not "first-last" are ignored."""
    by_shape: dict[tuple[int, str], list[tuple[int, str, str, str]]] = {}
    for span in spans:
        first, _, last = span.partition("-")
        if last and shape(first) == shape(last):
            by_shape.setdefault(shape(first), []).append((span_width(span), span, first, last))
    found = {}
    for code in codes:
        holders = [
            (width, span)
            for width, span, first, last in by_shape.get(shape(code), [])
            if first <= code <= last
        ]
        found[code] = min(holders)[1] if holders else None
    return found
