"""The deployable wheel: importer, parity and scoring with their compiled modules, built offline.

Not run by hand: ci/build-wheel stages the Python packages and the CMake-built module into a folder and
runs `setup.py bdist_wheel` there, with Debian's setuptools and wheel (no downloads, no build isolation).
"""

from __future__ import annotations

import re
from pathlib import Path

from setuptools import find_packages, setup
from setuptools.dist import Distribution

HERE = Path(__file__).resolve().parent
VERSION = re.search(r'__version__ = "([^"]+)"', (HERE / "importer" / "__init__.py").read_text()).group(1)


class BinaryDistribution(Distribution):
    """The wheel carries a compiled module: tag it for this Python and platform, not py3-none-any."""

    def has_ext_modules(self) -> bool:
        return True


setup(
    name="parity-importer",
    version=VERSION,
    description="The customer import service with its native matcher, and the Parity runtime",
    python_requires=">=3.11",
    packages=find_packages(include=["importer", "importer.*", "parity", "parity.*", "scoring", "scoring.*"]),
    package_data={
        "importer": ["_native*.so", "_native.pyi"],
        "parity": ["_diff*.so"],
        "scoring": ["_native*.so", "_native.pyi", "models/*.json"],
    },
    include_package_data=True,
    distclass=BinaryDistribution,
    zip_safe=False,
)
