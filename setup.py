"""Package layout that pyproject.toml cannot express: rules/*.yaml ship as lamina/packs/."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages("src"), "lamina.packs"],
    package_dir={"": "src", "lamina.packs": "rules"},
)
