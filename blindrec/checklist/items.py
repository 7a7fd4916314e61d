"""The checklist's items, in the order a chair reads them: the keys the policy and outputs use."""

from __future__ import annotations

from types import MappingProxyType

ITEM_TITLES = MappingProxyType({
    "blind_shortlisting": "Blind shortlisting used",
    "scores_locked_before_reveal": "Candidates revealed only after scores were locked",
    "applications_anonymised": "Every application anonymised, none failing",
    "applications_reviewed": "Every anonymised application reviewed by HR",
    "diverse_representation": "Diverse representation on the panel",
    "inclusion_training": "Every member's inclusion training is current, or a stakeholder panel",
    "panel_size": "Panel size",
    "independent_member": "An independent member on the panel",
    "same_panel": "The same panel shortlists and interviews",
    "not_single_sex": "The panel is not single-sex",
    "conflicts_declared": "Conflicts of interest declared",
    "same_questions": "The same questions for every candidate",
    "criteria_based_scoring": "Criteria-based scoring for every candidate",
    "independent_scoring": "Each member scored independently before discussion",
    "reasonable_adjustments": "Reasonable adjustments offered to candidates",
    "guaranteed_interview": "Guaranteed interview for disabled applicants who meet the essential criteria",
    "positive_action": "Positive action, where used, within Equality Act 2010 s.158/s.159",
})

ITEM_KEYS = tuple(ITEM_TITLES)
