# SPDX-License-Identifier: BSD-3-Clause
"""The Spack recipe (jobs/spack/packages/las/package.py) against the build it drives,
without Spack: a stand-in for `spack.package` records the recipe's directives and runs its
cmake_args() for a few specs. The truth is the top-level CMake: every LAS_* variable the
recipe sets must be an option() or cache variable that las's CMake reads, every variant
must reach CMake, and the CUDA architecture must go down to Kokkos."""

import glob
import os
import re
import sys
import types
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RECIPE = os.path.join(ROOT, "jobs", "spack", "packages", "las", "package.py")
CUDA_ARCHS = ("70", "80", "90")


class Directives:
    """What the class body of the recipe declared."""

    def __init__(self):
        self.variants, self.depends, self.conflicts, self.versions = {}, [], [], []


def spack_stub(recorded):
    """A `spack.package` module with the names the recipe imports."""
    module = types.ModuleType("spack.package")

    class CMakePackage:
        def define(self, name, value):
            kind = "BOOL" if isinstance(value, bool) else "STRING"
            value = ("ON" if value else "OFF") if isinstance(value, bool) else value
            return f"-D{name}:{kind}={value}"

        def define_from_variant(self, name, variant):
            return self.define(name, self.spec.variants[variant])

    class CudaPackage:
        cuda_arch_values = CUDA_ARCHS

    module.CMakePackage, module.CudaPackage = CMakePackage, CudaPackage
    module.version = lambda name, **kw: recorded.versions.append(name)
    module.variant = lambda name, default, description: recorded.variants.__setitem__(name, default)
    module.depends_on = lambda spec, type=None, when=None: recorded.depends.append((spec, when))
    module.conflicts = lambda spec, msg=None: recorded.conflicts.append(spec)
    module.generator = lambda name: None
    module.join_path = os.path.join
    return module


class Prefix(str):
    """A Spack prefix: a path whose attributes are subdirectories."""

    def __getattr__(self, name):
        return Prefix(os.path.join(self, name))


class FakeSpec:
    """`+a~b cuda_arch=80` style queries on a fixed set of variants."""

    def __init__(self, variants, cuda_arch="none"):
        self.variants = dict(variants)
        self.cuda_arch = cuda_arch

    def satisfies(self, query):
        for term in query.split():
            if term.startswith("cuda_arch="):
                if self.cuda_arch != term.split("=", 1)[1]:
                    return False
                continue
            for sign, name in re.findall(r"([+~])(\w+)", term):
                if self.variants.get(name, False) != (sign == "+"):
                    return False
        return True

    def __getitem__(self, name):
        dep = types.SimpleNamespace(prefix=Prefix(f"/spack/{name}"))
        dep.command = types.SimpleNamespace(path=f"/spack/{name}/bin/{name}")
        dep.kokkos_cxx = f"/spack/{name}/bin/nvcc_wrapper"
        dep.package = types.SimpleNamespace(cmake_prefix_paths=[f"/spack/{name}/share/cmake"])
        return dep


def load_recipe():
    recorded = Directives()
    spack = types.ModuleType("spack")
    spack.package = spack_stub(recorded)
    saved = {k: sys.modules.get(k) for k in ("spack", "spack.package")}
    sys.modules["spack"], sys.modules["spack.package"] = spack, spack.package
    try:
        namespace = {}
        with open(RECIPE) as f:
            exec(compile(f.read(), RECIPE, "exec"), namespace)
    finally:
        for k, v in saved.items():
            if v is None:
                sys.modules.pop(k, None)
            else:
                sys.modules[k] = v
    return namespace["Las"], recorded


def cmake_cache_variables():
    """Names las's CMake declares with option() or set(... CACHE ...)."""
    names = set()
    files = glob.glob(os.path.join(ROOT, "**", "CMakeLists.txt"), recursive=True)
    files += glob.glob(os.path.join(ROOT, "**", "*.cmake"), recursive=True)
    for path in files:
        top = os.path.relpath(path, ROOT).split(os.sep)[0]
        if top.startswith("build") or top == "out":  # build trees hold CMake's own files
            continue
        with open(path) as f:
            text = f.read()
        names.update(re.findall(r"option\(\s*(\w+)", text))
        names.update(re.findall(r"set\(\s*(\w+)\s[^)]*\bCACHE\b", text))
    return names


def defines(args):
    return dict(re.match(r"-D(\w+):\w+=(.*)", a).groups() for a in args)


class SpackRecipe(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.Las, cls.recorded = load_recipe()

    def args(self, run_tests=False, cuda_arch="none", **variants):
        base = {name: default for name, default in self.recorded.variants.items()}
        base.setdefault("cuda", False)
        base.update(variants)
        package = self.Las()
        package.spec = FakeSpec(base, cuda_arch)
        package.run_tests = run_tests
        return defines(package.cmake_args())

    def test_every_las_variable_is_one_cmake_reads(self):
        declared = cmake_cache_variables()
        for name in self.args(cuda=True, cuda_arch="80", torch=True):
            if name.startswith("LAS_"):
                self.assertIn(name, declared, f"the recipe sets {name}, which no CMake file declares")

    def test_every_variant_reaches_cmake(self):
        self.assertEqual(set(self.recorded.variants), {"petsc", "torch", "ipopt", "benchmarks", "native"})
        off = self.args(**{v: False for v in self.recorded.variants})
        for variant in self.recorded.variants:
            single_on = self.args(**{v: v == variant for v in self.recorded.variants})
            self.assertNotEqual(single_on, off, f"variant {variant} changes no CMake argument")

    def test_tests_follow_spack_install_test(self):
        self.assertEqual(self.args(run_tests=True)["LAS_ENABLE_TESTS"], "ON")
        self.assertEqual(self.args(run_tests=False)["LAS_ENABLE_TESTS"], "OFF")

    def test_cuda_builds_through_kokkos_for_the_asked_architecture(self):
        cuda = self.args(cuda=True, cuda_arch="90")
        self.assertEqual(cuda["CMAKE_CXX_COMPILER"], "/spack/kokkos/bin/nvcc_wrapper")
        self.assertNotIn("CMAKE_CXX_COMPILER", self.args(cuda=False))
        for arch in CUDA_ARCHS:
            when = f"+cuda cuda_arch={arch}"
            kokkos = [s for s, w in self.recorded.depends if w == when and s.startswith("kokkos+")]
            kernels = [s for s, w in self.recorded.depends if w == when and s.startswith("kokkos-kernels")]
            self.assertEqual(len(kokkos), 1, when)
            self.assertIn(f"cuda_arch={arch}", kokkos[0])
            self.assertIn("+cuda_lambda", kokkos[0])  # las's kernels are device lambdas
            self.assertEqual(len(kernels), 1, when)
            self.assertIn(f"cuda_arch={arch}", kernels[0])
        self.assertIn(("kokkos~cuda", "~cuda"), self.recorded.depends)
        self.assertIn("+cuda cuda_arch=none", self.recorded.conflicts)

    def test_dependency_roots_are_ones_las_reads(self):
        with_petsc = self.args(petsc=True)
        self.assertEqual(with_petsc["PETSC_ROOT"], "/spack/petsc")
        self.assertNotIn("PETSC_ROOT", self.args(petsc=False))
        with open(os.path.join(ROOT, "solvers", "cmake", "LasDependencies.cmake")) as f:
            self.assertIn("PETSC_ROOT", f.read())
        self.assertTrue(self.args(torch=True)["Torch_DIR"].endswith("/Torch"))


if __name__ == "__main__":
    unittest.main()
