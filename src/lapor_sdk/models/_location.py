"""Where the complained-about problem is."""

from __future__ import annotations

from pydantic import Field

from ._base import ValueModel

__all__ = ["Location"]


class Location(ValueModel):
    """Location of the problem, from the coarse region down to coordinates.

    ``region_code`` is a Kemendagri kabupaten/kota code such as ``"35.78"`` (Kota Surabaya).
    """

    region_code: str | None = Field(default=None, pattern=r"^\d{2}(\.\d{2})?$")
    """Kemendagri code of the province (``"35"``) or kabupaten/kota (``"35.78"``)."""
    region_name: str | None = Field(default=None, max_length=200)
    """Name of the region (``"Kota Surabaya"``)."""
    province_code: str | None = Field(default=None, pattern=r"^\d{2}$")
    """Kemendagri province code (``"35"``)."""
    province_name: str | None = Field(default=None, max_length=200)
    """Province name (``"Jawa Timur"``)."""
    district: str | None = Field(default=None, max_length=200)
    """Kecamatan."""
    village: str | None = Field(default=None, max_length=200)
    """Desa or kelurahan."""
    street: str | None = Field(default=None, max_length=300)
    """Street ("Jl. Ahmad Yani")."""
    km_marker: str | None = Field(default=None, max_length=50)
    """Road kilometre marker ("KM 12+300")."""
    latitude: float | None = Field(default=None, ge=-90, le=90)
    """Latitude in decimal degrees (WGS 84)."""
    longitude: float | None = Field(default=None, ge=-180, le=180)
    """Longitude in decimal degrees (WGS 84)."""
    description: str | None = Field(default=None, max_length=1000)
    """Free-text description of the place as the reporter gave it."""

    @property
    def is_empty(self) -> bool:
        """Whether nothing at all is known about the place."""
        return not any(v is not None for v in self.model_dump().values())

    @property
    def has_coordinates(self) -> bool:
        """Whether both latitude and longitude are known."""
        return self.latitude is not None and self.longitude is not None
