"""The age and sex conditions of CMS-HCC mappings, in words.

CMS's table writes them as the model software tests them: "age < 50", "2 <= age <= 17",
"sex = 1 (male)", parts joined by " and "; an "MCE" part is the Medicare Code Editor's age
range for the code (outside it the software drops the diagnosis when its edits are on).
"""

import re
from itertools import combinations

AGE_BOUND = re.compile(r"age (<|>=|=) (\d+)")
AGE_RANGE = re.compile(r"(\d+) <= age <= (\d+)")
SEX = {"sex = 1 (male)": "male patients", "sex = 2 (female)": "female patients"}
CODE_EDITOR = "MCE "


def condition_parts(condition: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in condition.split(" and ") if part.strip())


def part_in_words(part: str) -> str:
    """One part of a condition in plain words; an unfamiliar one is shown as CMS wrote it."""
    by_code_editor = part.startswith(CODE_EDITOR)
    text = part.removeprefix(CODE_EDITOR)
    if match := AGE_BOUND.fullmatch(text):
        operator, age = match.groups()
        words = {"<": f"under age {age}", ">=": f"age {age} or older", "=": f"age {age}"}[operator]
    elif match := AGE_RANGE.fullmatch(text):
        words = f"age {match[1]} to {match[2]}"
    else:
        words = SEX.get(text, text)
    return f"{words} (the code editor's age range)" if by_code_editor else words


def condition_in_words(condition: str) -> str:
    """ "age < 50 and sex = 2 (female)" -> "under age 50, female patients"; "" stays ""."""
    return ", ".join(part_in_words(part) for part in condition_parts(condition))


def complementary(first: str, second: str) -> bool:
    """Whether two parts cover every patient between them: "age < 21" and "age >= 21"."""
    if {first, second} == set(SEX):
        return True
    first_match, second_match = AGE_BOUND.fullmatch(first), AGE_BOUND.fullmatch(second)
    return bool(
        first_match
        and second_match
        and first_match[2] == second_match[2]
        and {first_match[1], second_match[1]} == {"<", ">="}
    )


def merged_conditions(conditions: list[str]) -> list[str]:
    """The conditions under which a code maps to one HCC, with complementary pairs merged.

    CMS lists E10.10 under V28 HCC 36 twice, "age >= 21" and "age < 21": it maps to 36
    always. Returns [""] when the mapping always holds.
    """
    kept = list(dict.fromkeys(condition_parts(each) for each in conditions))
    merged = True
    while merged and () not in kept:
        merged = False
        for first, second in combinations(kept, 2):
            only_first = [part for part in first if part not in second]
            only_second = [part for part in second if part not in first]
            if len(only_first) == len(only_second) == 1 and complementary(
                only_first[0], only_second[0]
            ):
                common = tuple(part for part in first if part in second)
                kept = [each for each in kept if each not in (first, second) and each != common]
                kept.append(common)
                merged = True
                break
    if () in kept:
        return [""]
    return [" and ".join(parts) for parts in kept]
