"""The document graph: a căn cứ or văn bản liên quan whose số hiệu is a plan on the site links to it,
and each plan knows the plans that cite it ("Văn bản triển khai")."""

from __future__ import annotations

from ..plan import Plan, VanBan, normalise_so_hieu


class DocumentGraph:
    def __init__(self, plans: list[Plan]):
        self._by_number: dict[str, list[Plan]] = {}
        for plan in plans:
            if plan.so_hieu:
                self._by_number.setdefault(normalise_so_hieu(plan.so_hieu), []).append(plan)
        self._cited_by: dict[str, list[Plan]] = {}
        for plan in plans:  # plans come newest first, so back-links do too
            seen = set()
            for van_ban in plan.can_cu + plan.van_ban_lien_quan:
                target = self.target(van_ban, plan)
                if target is not None and target.slug not in seen:
                    seen.add(target.slug)
                    self._cited_by.setdefault(target.slug, []).append(plan)

    def target(self, van_ban: VanBan, citing: Plan | None = None) -> Plan | None:
        """The plan on the site that `van_ban` names, if exactly one fits.

        Party numbers restart each term, so two plans may share a số hiệu: the cited date, when given,
        picks the one issued that day; otherwise an ambiguous number links nowhere rather than wrongly.
        """
        if not van_ban.so_hieu:
            return None
        candidates = [p for p in self._by_number.get(normalise_so_hieu(van_ban.so_hieu), []) if p is not citing]
        if van_ban.ngay:
            dated = [p for p in candidates if p.ngay_ban_hanh == van_ban.ngay]
            candidates = dated or [p for p in candidates if p.ngay_ban_hanh is None]
        return candidates[0] if len(candidates) == 1 else None

    def cited_by(self, plan: Plan) -> list[Plan]:
        """Plans whose căn cứ or văn bản liên quan name `plan`: the "Văn bản triển khai"."""
        return self._cited_by.get(plan.slug, [])
