"""``lapor regions``: look up Kemendagri region codes and names."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from .._exceptions import UnknownRegionError
from ._app import ErrorHandlingGroup, app, out_console

if TYPE_CHECKING:
    from rich.table import Table

    from ..validation import Region

__all__: list[str] = []

regions_app = typer.Typer(
    name="regions",
    cls=ErrorHandlingGroup,
    help="Kemendagri regions: 38 provinces, 514 kabupaten/kota, kecamatan, desa/kelurahan.",
    no_args_is_help=True,
)
app.add_typer(regions_app, name="regions")

_LEVEL_CHOICES = ("province", "regency", "city", "district", "village")

#: Shown by ``lapor regions search --help``; a test runs each line.
SEARCH_EXAMPLES = (
    "lapor regions search Malang",
    'lapor regions search "Kota Sby"',
    "lapor regions search Jatim",
    "lapor regions search Lowokwaru --level district",
    "lapor regions search Tetel --level village",
)


def _table(found: list[Region], title: str) -> Table:
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    table.add_column("code", style="cyan", no_wrap=True)
    table.add_column("name")
    table.add_column("level")
    table.add_column("province")
    for region in found:
        table.add_row(region.code, region.name, region.level_label, region.province.name)
    return table


@regions_app.command(
    "search", epilog="Examples:\n\n" + "\n\n".join(f"  $ {e}" for e in SEARCH_EXAMPLES)
)
def search(
    name: Annotated[
        str, typer.Argument(help='Name or abbreviation ("Malang", "Kota Sby", "Jatim").')
    ],
    level: Annotated[
        list[str] | None,
        typer.Option(
            "--level",
            "-l",
            help="Search this level (repeatable): province, regency, city, district, village.",
        ),
    ] = None,
) -> None:
    """Find regions by name; a name that fits several shows them all.

    Without --level it searches provinces and kabupaten/kota; kecamatan and desa/kelurahan
    need --level district or --level village (or a level word: "Kec. Lowokwaru").
    """
    from ..validation import RegionLevel, find_regions

    levels = None
    if level:
        unknown = [v for v in level if v.lower() not in _LEVEL_CHOICES]
        if unknown:
            raise UnknownRegionError(
                f"--level {unknown[0][:30]!r} is not a level; use one of "
                f"{', '.join(_LEVEL_CHOICES)}"
            )
        levels = [RegionLevel(v.lower()) for v in level]
    found = find_regions(name, levels=levels)
    if not found:
        raise UnknownRegionError(
            f"no region named {name[:60]!r}; check the spelling, or search kecamatan and "
            "desa with --level district / --level village"
        )
    out_console.print(_table(found, f"{len(found)} region(s) named {escape(repr(name[:60]))}"))


@regions_app.command("show")
def show(
    code: Annotated[str, typer.Argument(help='Kemendagri code ("35.73" or "3573").')],
) -> None:
    """Show one region, where it lies and what it contains."""
    from ..validation import RegionLevel, regions

    try:
        region = regions.get(code)
    except UnknownRegionError as exc:
        known = str(exc).split("; list them with")[0].split("; look a name up")[0]
        raise UnknownRegionError(
            f"{known}; look the name up with `lapor regions search NAME`"
        ) from None
    out_console.print(f"[bold]{region.code}[/] {region.name} ({region.level_label})")
    if region.parent is not None:
        out_console.print(f"in: {region.parent.full_name}")
    if region.level is not RegionLevel.VILLAGE:
        children = regions.children(region.code)
        if children:
            counts: dict[str, int] = {}
            for child in children:
                counts[child.level_label] = counts.get(child.level_label, 0) + 1
            summary = ", ".join(f"{n} {label}" for label, n in counts.items())
            out_console.print(f"contains: {summary}")
            if len(children) <= 60:
                out_console.print(_table(children, "subdivisions"))
