"""The sandbox's fixed directory: demo agencies, their units, tokens and categories."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ..models import Role

__all__ = [
    "AGENCIES",
    "CATEGORIES",
    "DEMO_AGENCY",
    "GATEWAY_TOKEN",
    "TOKENS",
    "DemoAgency",
    "Principal",
    "token_for",
]


@dataclass(frozen=True, slots=True)
class DemoAgency:
    """An agency of the sandbox directory."""

    id: str
    name: str
    level: str
    role: Role
    lapor3_id: int
    region_code: str | None = None
    units: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Principal:
    """Who a bearer token stands for: an agency and the role of its account."""

    agency_id: str
    role: Role


AGENCIES: Mapping[str, DemoAgency] = MappingProxyType(
    {
        a.id: a
        for a in (
            DemoAgency(
                "kemenpanrb",
                "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
                "national",
                Role.NATIONAL_ADMIN,
                1001,
            ),
            DemoAgency(
                "diskominfo-jatim",
                "Dinas Komunikasi dan Informatika Provinsi Jawa Timur",
                "province",
                Role.COORDINATOR_ADMIN,
                3501,
                "35",
                {"bidang-ikp": "Bidang Informasi dan Komunikasi Publik"},
            ),
            DemoAgency(
                "dpu-bm-jatim",
                "Dinas Pekerjaan Umum Bina Marga Provinsi Jawa Timur",
                "province",
                Role.AGENCY_ADMIN,
                3502,
                "35",
                {
                    "upt-pjj-surabaya": "UPT Pengelolaan Jalan dan Jembatan Surabaya",
                    "upt-pjj-malang": "UPT Pengelolaan Jalan dan Jembatan Malang",
                },
            ),
            DemoAgency(
                "pemkot-surabaya",
                "Pemerintah Kota Surabaya",
                "regency",
                Role.AGENCY_ADMIN,
                3578,
                "35.78",
                {
                    "dsdabm": "Dinas Sumber Daya Air dan Bina Marga",
                    "dispendukcapil": "Dinas Kependudukan dan Pencatatan Sipil",
                },
            ),
            DemoAgency(
                "pemkab-malang",
                "Pemerintah Kabupaten Malang",
                "regency",
                Role.AGENCY_ADMIN,
                3507,
                "35.07",
                {"dpupr": "Dinas Pekerjaan Umum dan Penataan Ruang"},
            ),
        )
    }
)

#: The agency whose admin key ``Sandbox.api_key`` returns.
DEMO_AGENCY = "pemkot-surabaya"

CATEGORIES: Mapping[str, str] = MappingProxyType(
    {
        "infrastruktur": "Infrastruktur",
        "kependudukan": "Administrasi Kependudukan",
        "kesehatan": "Kesehatan",
        "pendidikan": "Pendidikan",
        "lingkungan": "Lingkungan Hidup",
        "perhubungan": "Perhubungan",
        "sosial": "Sosial",
        "lainnya": "Lainnya",
    }
)

#: SPLP gateway bearer token accepted by the sandbox's LAPOR 3.0.0 profile.
GATEWAY_TOKEN = "splp-sandbox-gateway"  # noqa: S105 - a public demo credential


def token_for(agency_id: str, role: str = "admin") -> str:
    """Return the sandbox token of an agency's ``admin`` or ``liaison`` account.

    Raises:
        KeyError: Unknown agency or account kind.
    """
    if agency_id not in AGENCIES or role not in ("admin", "liaison"):
        raise KeyError(f"no sandbox account {role!r} for agency {agency_id!r}")
    return f"sk_sandbox_{agency_id}_{role}"


TOKENS: Mapping[str, Principal] = MappingProxyType(
    {
        **{token_for(a.id): Principal(a.id, a.role) for a in AGENCIES.values()},
        **{token_for(a.id, "liaison"): Principal(a.id, Role.LIAISON) for a in AGENCIES.values()},
    }
)
