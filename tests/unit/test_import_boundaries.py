"""Stages never import each other: they meet only through libs/common and the broker."""

import ast
from pathlib import Path

SERVICES = Path(__file__).resolve().parents[2] / "services"
SERVICE_PACKAGES = {f"docrelay_{path.name}": path for path in SERVICES.iterdir() if path.is_dir()}


def imported_modules(source: Path) -> set[str]:
    tree = ast.parse(source.read_text(), filename=str(source))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_every_service_is_checked() -> None:
    assert {
        "docrelay_gateway",
        "docrelay_extractor",
        "docrelay_translator",
        "docrelay_toner",
        "docrelay_reconstructor",
        "docrelay_status",
    } <= set(SERVICE_PACKAGES)


def test_no_service_imports_another_service() -> None:
    offences = []
    for package, root in SERVICE_PACKAGES.items():
        for source in root.rglob("*.py"):
            for module in imported_modules(source):
                top = module.split(".")[0]
                if top in SERVICE_PACKAGES and top != package:
                    offences.append(f"{source.relative_to(SERVICES)} imports {module}")
    assert offences == []


def test_common_library_imports_no_service() -> None:
    common = SERVICES.parent / "libs" / "common"
    offences = [
        f"{source.name} imports {module}"
        for source in common.rglob("*.py")
        for module in imported_modules(source)
        if module.split(".")[0] in SERVICE_PACKAGES
    ]
    assert offences == []
