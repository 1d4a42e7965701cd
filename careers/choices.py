"""The fixed lists a job is described by: credentials, specialties, workplace, type, pay."""

from django.db import models

from core.states import STATE_NAMES


class Credential(models.TextChoices):
    """The coding credentials a job may ask for (AAPC's and AHIMA's)."""

    CPC = "CPC", "CPC"
    COC = "COC", "COC"
    CIC = "CIC", "CIC"
    CRC = "CRC", "CRC"
    CPMA = "CPMA", "CPMA"
    CCS = "CCS", "CCS"
    CCS_P = "CCS-P", "CCS-P"
    RHIT = "RHIT", "RHIT"
    RHIA = "RHIA", "RHIA"
    CDIP = "CDIP", "CDIP"


CREDENTIAL_NAMES = {
    "CPC": "Certified Professional Coder (AAPC)",
    "COC": "Certified Outpatient Coder (AAPC)",
    "CIC": "Certified Inpatient Coder (AAPC)",
    "CRC": "Certified Risk Adjustment Coder (AAPC)",
    "CPMA": "Certified Professional Medical Auditor (AAPC)",
    "CCS": "Certified Coding Specialist (AHIMA)",
    "CCS-P": "Certified Coding Specialist, Physician-based (AHIMA)",
    "RHIT": "Registered Health Information Technician (AHIMA)",
    "RHIA": "Registered Health Information Administrator (AHIMA)",
    "CDIP": "Certified Documentation Integrity Practitioner (AHIMA)",
}


class Specialty(models.TextChoices):
    MULTISPECIALTY = "multispecialty", "Multispecialty"
    ANESTHESIA = "anesthesia", "Anesthesia"
    BEHAVIORAL_HEALTH = "behavioral-health", "Behavioral health"
    CARDIOLOGY = "cardiology", "Cardiology"
    EMERGENCY = "emergency-medicine", "Emergency medicine"
    EVALUATION_MANAGEMENT = "evaluation-management", "Evaluation and management"
    GASTROENTEROLOGY = "gastroenterology", "Gastroenterology"
    HOME_HEALTH = "home-health", "Home health and hospice"
    INPATIENT = "inpatient", "Inpatient facility (DRG)"
    OBSTETRICS = "obstetrics-gynecology", "Obstetrics and gynecology"
    ONCOLOGY = "oncology", "Oncology"
    ORTHOPEDICS = "orthopedics", "Orthopedics"
    OUTPATIENT = "outpatient", "Outpatient facility and ASC"
    PATHOLOGY = "pathology-laboratory", "Pathology and laboratory"
    PEDIATRICS = "pediatrics", "Pediatrics"
    RADIOLOGY = "radiology", "Radiology"
    RISK_ADJUSTMENT = "risk-adjustment", "Risk adjustment (HCC)"
    SURGERY = "surgery", "Surgery"


class Workplace(models.TextChoices):
    REMOTE = "remote", "Remote"
    HYBRID = "hybrid", "Hybrid"
    ON_SITE = "on-site", "On-site"


class EmploymentType(models.TextChoices):
    FULL_TIME = "full-time", "Full-time"
    PART_TIME = "part-time", "Part-time"
    CONTRACT = "contract", "Contract"


class PayPeriod(models.TextChoices):
    HOUR = "hour", "per hour"
    YEAR = "year", "per year"


STATE_CHOICES = sorted(STATE_NAMES.items(), key=lambda item: item[1])
