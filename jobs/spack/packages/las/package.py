# SPDX-License-Identifier: BSD-3-Clause
# Spack recipe for las (learning-augmented solvers). Use it from a checkout:
#   spack repo add jobs/spack
#   spack install las+petsc                          # CPU, PETSc plug-in and anchors
#   spack install las+cuda cuda_arch=90 ~torch       # Kokkos (and KokkosKernels) on CUDA
# The variants map onto the top-level CMakeLists.txt options (LAS_ENABLE_*); the CUDA
# architecture goes down to Kokkos, which las builds against (las has no CUDA code of
# its own: its kernels are Kokkos lambdas compiled through Kokkos' nvcc_wrapper).

from spack.package import *


class Las(CMakePackage, CudaPackage):
    """C++17 HPC suite of learning-augmented solvers (learned CG, bandit SOR,
    Sinkhorn-Newton, sketching Newton, hard-constraint MoE) on Kokkos + MPI."""

    # Placeholder address: las has no public home yet. Point `git` at your clone, or
    # build a checkout in place with `spack develop --path /path/to/las las@main`.
    homepage = "https://git.example.org/las/las"
    git = "https://git.example.org/las/las.git"

    version("main", branch="main")

    variant("petsc", default=True, description="PETSc anchors and the PETSc plug-in (-ksp_type lasdcdm, ...)")
    variant("torch", default=False, description="LibTorch: DCDM training and the MoE models")
    variant("ipopt", default=False, description="IPOPT anchor of the constrained optimiser (AdaSketch)")
    variant("benchmarks", default=False, description="Google Benchmark drivers")
    variant("native", default=False, description="compile las's code with -march=native")

    depends_on("cmake@3.20:", type="build")
    depends_on("ninja", type="build")
    generator("ninja")
    depends_on("pkgconfig", type="build")  # PETSc, IPOPT and FFTW are found by pkg-config

    depends_on("mpi")
    depends_on("hdf5+mpi")
    depends_on("kokkos@3.4:")
    depends_on("kokkos-kernels@3.4:")
    depends_on("yaml-cpp")
    depends_on("cli11")
    depends_on("nlohmann-json@3.9:")
    depends_on("fftw")
    # Sacado (automatic differentiation, with Teuchos) is all las uses of Trilinos: an
    # environment may switch the rest off (e.g. trilinos+sacado~tpetra~muelu~belos).
    depends_on("trilinos+sacado")
    depends_on("googletest", type="test")  # LAS_ENABLE_TESTS follows `spack install --test`
    depends_on("benchmark", type="build", when="+benchmarks")
    depends_on("petsc@3.18:+mpi", when="+petsc")
    depends_on("py-torch", when="+torch")
    depends_on("ipopt", when="+ipopt")
    # Plots (apps' PNGs, jobs/scaling.py, jobs/comm_model.py) and the scaling scripts.
    depends_on("python@3.8:", type=("build", "run"))
    depends_on("py-matplotlib", type="run")
    depends_on("py-pyyaml", type="run")

    # CUDA: Kokkos built for the architecture asked for, with the lambdas las's kernels use
    # and the nvcc_wrapper las compiles with; KokkosKernels on that Kokkos.
    for _arch in CudaPackage.cuda_arch_values:
        depends_on(f"kokkos+cuda+cuda_lambda+wrapper cuda_arch={_arch}", when=f"+cuda cuda_arch={_arch}")
        depends_on(f"kokkos-kernels+cuda ^kokkos+cuda cuda_arch={_arch}", when=f"+cuda cuda_arch={_arch}")
    depends_on("kokkos~cuda", when="~cuda")
    conflicts("+cuda cuda_arch=none", msg="las+cuda needs a cuda_arch for Kokkos (e.g. cuda_arch=80)")
    # Halo buffers are handed to MPI as device pointers: a CUDA build needs a CUDA-aware
    # MPI (e.g. openmpi+cuda); Spack cannot require that of every MPI provider.

    def cmake_args(self):
        spec = self.spec
        args = [
            self.define_from_variant("LAS_ENABLE_PETSC", "petsc"),
            self.define_from_variant("LAS_ENABLE_TORCH", "torch"),
            self.define_from_variant("LAS_ENABLE_IPOPT", "ipopt"),
            self.define_from_variant("LAS_ENABLE_BENCHMARKS", "benchmarks"),
            self.define_from_variant("LAS_NATIVE_ARCH", "native"),
            self.define("LAS_ENABLE_TESTS", self.run_tests),
            # A user's compiler may warn where Debian's GCC does not: never fail the build on it.
            self.define("LAS_WARNINGS_AS_ERRORS", False),
            self.define("LAS_PYTHON3", spec["python"].command.path),
            # FindHDF5 would otherwise prefer whichever h5pcc is first on PATH; Sacado,
            # Kokkos and the rest are found through Spack's CMAKE_PREFIX_PATH.
            self.define("HDF5_ROOT", spec["hdf5"].prefix),
        ]
        if spec.satisfies("+cuda"):
            # Kokkos' CUDA backend compiles the whole translation unit through nvcc_wrapper.
            args.append(self.define("CMAKE_CXX_COMPILER", spec["kokkos"].kokkos_cxx))
        if spec.satisfies("+petsc"):
            args.append(self.define("PETSC_ROOT", spec["petsc"].prefix))
        if spec.satisfies("+torch"):
            args.append(self.define("Torch_DIR", join_path(spec["py-torch"].package.cmake_prefix_paths[0], "Torch")))
        return args

    def setup_run_environment(self, env):
        # jobs/ scripts and the apps' plot helpers find the installed share/las.
        env.prepend_path("PYTHONPATH", self.prefix.share.las)
