# SPDX-License-Identifier: BSD-3-Clause
"""las's communication per iteration, as formulas of the rank count and the problem size.

The one implementation of the model that jobs/COMMUNICATION.md describes: the test
(tests/mpi/profiling/check_comm_model.py) compares it with the PMPI counters, and
jobs/comm_model.py extrapolates it to 1024 ranks.

Every model returns, per phase of the PMPI layer (solvers/core/comm_counters.hpp), the
counts of one steady iteration summed over ranks and maximised over ranks:
    {phase: {"sum": Counts, "max": Counts}}
with Counts = {"entries", "messages", "bytes", "collectives", "collective_bytes"}:
point-to-point messages and bytes *sent*, collective calls and this rank's payload
(Allreduce: count x type size; Allgatherv: the rank's own block; Reduce_scatter: the
whole vector it contributes). "entries" counts entries of an explicit phase scope
(halo_exchange, nn_halo_exchange) or calls of an automatic one (allreduce, ...).

Decomposition (solvers/core/box_grid.cpp): a BoxGrid splits an n_x x n_y (x n_z) grid
into p_x x p_y (x p_z) boxes with p from MPI_Dims_create (balanced, non-increasing,
`dims_create` below); along an axis of n cells over q ranks the first n mod q ranks own
one more cell. Neighbours are face neighbours, no periodicity.
"""

import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scaling_sizes import prime_factors  # noqa: E402

FIELDS = ("entries", "messages", "bytes", "collectives", "collective_bytes")
DOUBLE = 8
FLOAT = 4


def counts(**values):
    c = dict.fromkeys(FIELDS, 0)
    c.update(values)
    return c


def dims_create(ranks, dim):
    """MPI_Dims_create(ranks, dim) as Open MPI computes it: prime factors, largest
    first, each multiplying the smallest dimension so far; then non-increasing order."""
    dims = [1] * dim
    for factor in prime_factors(ranks):
        smallest = min(range(dim), key=lambda a: dims[a])
        dims[smallest] *= factor
    return sorted(dims, reverse=True)


def block_counts(n, parts):
    """BoxGrid::block_range: cells per part of an axis of n cells (first n mod q get one more)."""
    base, extra = divmod(n, parts)
    return [base + (1 if c < extra else 0) for c in range(parts)]


def grid_procs(n, dim, ranks):
    """Rank grid [p_x, p_y, p_z] of a BoxGrid (p_z = 1 in 2D)."""
    procs = dims_create(ranks, dim) + [1] * (3 - dim)
    for a in range(dim):
        if n[a] < procs[a]:
            raise ValueError(f"{n[a]} cells along axis {a} cannot be split over {procs[a]} ranks")
    return procs


def rank_boxes(n, dim, ranks):
    """(local extent [3], has-neighbour [[low, high]] * 3) for every rank. n has 3 entries
    (n_z = 1 in 2D)."""
    procs = grid_procs(n, dim, ranks)
    sizes = [block_counts(n[a], procs[a]) for a in range(3)]
    for cz in range(procs[2]):
        for cy in range(procs[1]):
            for cx in range(procs[0]):
                coords = (cx, cy, cz)
                local = [sizes[a][coords[a]] for a in range(3)]
                nbrs = [[coords[a] > 0, coords[a] < procs[a] - 1] for a in range(3)]
                yield local, nbrs


def face_halo(local, nbrs, dim):
    """HaloExchange::begin: one message of the face (doubles) to each face neighbour."""
    messages = sent = 0
    for axis in range(dim):
        face = math.prod(local[a] for a in range(3) if a != axis)
        for side in (0, 1):
            if nbrs[axis][side]:
                messages += 1
                sent += DOUBLE * face
    return messages, sent


def field_halo(local, nbrs, dim, channels):
    """exchange_field_ghosts: per axis in order x, y(, z) one message per neighbour of the
    face layer spanning the ghost-padded extent of the axes already exchanged (floats)."""
    messages = sent = 0
    for axis in range(dim):
        cells = 1
        for a in range(3):
            if a == axis:
                continue
            padded = a < axis and (a < 2 or dim == 3)
            cells *= local[a] + 2 if padded else local[a]
        for side in (0, 1):
            if nbrs[axis][side]:
                messages += 1
                sent += FLOAT * cells * channels
    return messages, sent


def aggregate(per_rank):
    """[{phase: Counts}] per rank -> {phase: {"sum": Counts, "max": Counts}}."""
    out = {}
    for rank in per_rank:
        for phase, c in rank.items():
            agg = out.setdefault(phase, {"sum": counts(), "max": counts()})
            for f in FIELDS:
                agg["sum"][f] += c[f]
                agg["max"][f] = max(agg["max"][f], c[f])
    return out


def allreduce(calls, payload_bytes):
    """`calls` all-reduces of `payload_bytes` in all per iteration on a rank."""
    return counts(entries=calls, collectives=calls, collective_bytes=payload_bytes)


def _grid_model(n, dim, ranks, per_rank):
    n = list(n) + [1] * (3 - len(n))
    return aggregate([per_rank(local, nbrs) for local, nbrs in rank_boxes(n, dim, ranks)])


def cg(n, dim, ranks, preconditioner="none"):
    """solve_cg on the matrix-free stencil: one halo exchange (A p with p.Ap), then one
    all-reduce for p.Ap and one for r.r (Jacobi: r.z and r.r fused, 16 bytes)."""
    def rank(local, nbrs):
        m, b = face_halo(local, nbrs, dim)
        return {"halo_exchange": counts(entries=1, messages=m, bytes=b),
                "allreduce": allreduce(2, DOUBLE + (2 * DOUBLE if preconditioner == "jacobi" else DOUBLE))}
    return _grid_model(n, dim, ranks, rank)


def sor(n, dim, ranks, ordering="red-black"):
    """solve_sor (bandit SOR's inner solve): a sweep (lexicographic: one exchange, block
    Jacobi across ranks; red-black: one per colour), then the true residual ||b - A x||
    (one exchange, one all-reduce)."""
    exchanges = 3 if ordering == "red-black" else 2
    def rank(local, nbrs):
        m, b = face_halo(local, nbrs, dim)
        return {"halo_exchange": counts(entries=exchanges, messages=exchanges * m, bytes=exchanges * b),
                "allreduce": allreduce(1, DOUBLE)}
    return _grid_model(n, dim, ranks, rank)


def ssor_pcg(n, dim, ranks, ordering="red-black"):
    """solve_pcg with SsorPreconditioner (bandit SOR's SSOR-PCG): CG's exchange and two
    all-reduces, the SSOR application (red-black: two exchanges; lexicographic: none,
    block Jacobi across ranks) and r.z (one more all-reduce)."""
    exchanges = 3 if ordering == "red-black" else 1
    def rank(local, nbrs):
        m, b = face_halo(local, nbrs, dim)
        return {"halo_exchange": counts(entries=exchanges, messages=exchanges * m, bytes=exchanges * b),
                "allreduce": allreduce(3, 3 * DOUBLE)}
    return _grid_model(n, dim, ranks, rank)


def network_halo(local, nbrs, dim, network):
    """One forward pass of the DCDM network (solvers/nn/dcdm_network.cpp): the input (1
    channel) and 2 convolutions per residual pair (C channels) exchange ghosts, each
    level's pairs on its own 2^level-coarsened block (pairs_before + pairs_after per level
    above the coarsest, pairs_coarse at the coarsest of `levels`, default 1); the last
    1x1 convolution needs none."""
    c = network["channels"]
    levels = network.get("levels", 1)
    m1, b1 = field_halo(local, nbrs, dim, 1)
    exchanges, messages, nbytes = 1, m1, b1
    for level in range(levels + 1):
        pairs = network["pairs_coarse"] if level == levels else network["pairs_before"] + network["pairs_after"]
        block = [local[a] >> level if a < dim else local[a] for a in range(3)]
        m, b = field_halo(block, nbrs, dim, c)
        exchanges += 2 * pairs
        messages += 2 * pairs * m
        nbytes += 2 * pairs * b
    return counts(entries=exchanges, messages=messages, bytes=nbytes)


def dcdm(n, dim, ranks, network, kept=2, refresh_every=0):
    """solve_dcdm with the network map, once the ring of `kept` directions is full: the
    network (||r|| of its input: one all-reduce; its ghost exchanges), ||q|| before and
    after modified Gram-Schmidt with one all-reduce per kept direction, A q with q.Aq
    (one exchange, one all-reduce), q.r and the fused x, r update (one each). A refresh
    every R iterations adds an exchange and an all-reduce (averaged: 1/R each)."""
    calls = 1 + (kept + 2 if kept > 0 else 0) + 3
    refresh = 1.0 / refresh_every if refresh_every else 0
    def rank(local, nbrs):
        m, b = face_halo(local, nbrs, dim)
        return {"halo_exchange": counts(entries=1 + refresh, messages=(1 + refresh) * m, bytes=(1 + refresh) * b),
                "nn_halo_exchange": network_halo(local, nbrs, dim, network),
                "allreduce": allreduce(calls + refresh, (calls + refresh) * DOUBLE)}
    return _grid_model(n, dim, ranks, rank)


def fcg_network(n, dim, ranks, network, truncation=1, refresh_every=0):
    """solve_fcg with the network preconditioner: as dcdm, but classical Gram-Schmidt
    puts the truncation's coefficients into one all-reduce of `truncation` doubles."""
    calls = 1 + (3 if truncation > 0 else 0) + 3
    payload = DOUBLE * (calls - (1 if truncation > 0 else 0)) + (DOUBLE * truncation if truncation > 0 else 0)
    refresh = 1.0 / refresh_every if refresh_every else 0
    def rank(local, nbrs):
        m, b = face_halo(local, nbrs, dim)
        return {"halo_exchange": counts(entries=1 + refresh, messages=(1 + refresh) * m, bytes=(1 + refresh) * b),
                "nn_halo_exchange": network_halo(local, nbrs, dim, network),
                "allreduce": allreduce(calls + refresh, payload + refresh * DOUBLE)}
    return _grid_model(n, dim, ranks, rank)


def sinkhorn(n_cols, ranks):
    """solve_sinkhorn, rows split over ranks, the n column potentials replicated: the
    row-error sum (one double), then the column log-sum-exp combined across ranks (an
    all-reduce of the n column maxima and one of the n re-based sums; none on one rank)."""
    calls = 1 + (2 if ranks > 1 else 0)
    payload = DOUBLE + (2 * DOUBLE * n_cols if ranks > 1 else 0)
    return aggregate([{"allreduce": allreduce(calls, payload)} for _ in range(ranks)])


def sns_cg_iteration(n_cols, ranks):
    """One CG iteration of an SNS Newton step (Jacobi-PCG on the sparsified Hessian, rows
    and columns split in blocks): p.Ap and the fused r.z, r.r (24 bytes in two
    all-reduces); on more than one rank the product gathers every column's v_y (an
    all-gather of the blocks) and returns P_s^T v_x by a reduce-scatter of n doubles."""
    per_rank = []
    for local_cols in block_counts(n_cols, ranks):
        r = {"allreduce": allreduce(2, 3 * DOUBLE)}
        if ranks > 1:
            r["allgatherv"] = counts(entries=1, collectives=1, collective_bytes=DOUBLE * local_cols)
            r["reduce_scatter"] = counts(entries=1, collectives=1, collective_bytes=DOUBLE * n_cols)
        per_rank.append(r)
    return aggregate(per_rank)


def sns_newton_step_extra(n_cols, ranks, line_search_trials=1):
    """What a Newton step adds to its CG iterations (approximate, not tested): the plan
    evaluation of each line-search trial (on more than one rank: the n column sums, 3
    doubles and the 1024-bin log histogram), about 18 small all-reduces and 7 prefix sums
    of setup (the operator, 7 vectors, the gauge projections, the slope, the step
    length), the start of CG (one product) and the all-gather of the step's column part."""
    per_rank = []
    for local_cols in block_counts(n_cols, ranks):
        small = 18
        payload = small * DOUBLE
        r = {"allreduce": allreduce(small, payload), "exscan": counts(entries=7, collectives=7,
                                                                      collective_bytes=7 * DOUBLE)}
        if ranks > 1:
            trial = 3
            r["allreduce"] = allreduce(small + trial * line_search_trials,
                                       payload + line_search_trials * (DOUBLE * n_cols + 3 * DOUBLE + 1024 * 8))
            r["allgatherv"] = counts(entries=2, collectives=2, collective_bytes=2 * DOUBLE * local_cols)
            r["reduce_scatter"] = counts(entries=1, collectives=1, collective_bytes=DOUBLE * n_cols)
        per_rank.append(r)
    return aggregate(per_rank)


def pde_data_batch(ranks):
    """las_pde_data, per batch of trajectories (each rank integrates its own, no
    communication while it does): one all-reduce (the first failure) before the
    collective HDF5 write, whose MPI-IO traffic is HDF5's and not counted."""
    return aggregate([{"allreduce": allreduce(1, DOUBLE)} for _ in range(ranks)])


def grid_sketch(n, ranks, sketch="kaczmarz", block_size=1):
    """grid_sketch_solve, AdaSketch's inner solve on the distributed Poisson-control KKT
    system (state, control and multiplier on an N x N BoxGrid). Sparse sketches all-reduce
    ||r||^2 with S^T r (8 bytes per column: one for kaczmarz and kaczmarz_row_norm, q for
    block_kaczmarz and sparse_sign) and then update d and r locally: no halo exchange per
    iteration (r = K d - b is recomputed, two exchanges, once per 3 N^2 iterations and
    before a stop: per solve, not per iteration). The Gaussian sketch recomputes r every
    iteration (K applies the stencil twice: two halo exchanges), applies K to each of its q
    columns (2q exchanges) and all-reduces ||r||^2, then W^T W and S^T r ((q^2 + q) doubles)."""
    gaussian = sketch == "gaussian"
    rows = 0 if gaussian else (block_size if sketch in ("block_kaczmarz", "sparse_sign") else 1)
    exchanges = 2 * (1 + block_size) if gaussian else 0
    def rank(local, nbrs):
        m, b = face_halo(local, nbrs, 2)
        reduces = [DOUBLE, (block_size * block_size + block_size) * DOUBLE] if gaussian else [(1 + rows) * DOUBLE]
        return {"halo_exchange": counts(entries=exchanges, messages=exchanges * m, bytes=exchanges * b),
                "allreduce": allreduce(len(reduces), sum(reduces))}
    return _grid_model(n, 2, ranks, rank)


def adasketch(ranks):
    """AdaSketch-Newton: the problems are small and replicated (every rank runs the same
    iteration on the same data): no communication per iteration."""
    return aggregate([{} for _ in range(ranks)])


def moe_training_step(parameters, ranks):
    """Data-parallel MoE training step (solvers/moe/train/moe_trainer.cpp): the per-sample
    gradients of all P parameters, summed in float64, in one all-reduce of 8 P bytes
    (none on one rank), and the step's five loss terms (total, pde, initial, boundary,
    data) and failure count in one all-reduce of 6 doubles; the experts' LM solves are
    rank-local."""
    calls = 2 if ranks > 1 else 1
    payload = 6 * DOUBLE + (parameters * DOUBLE if ranks > 1 else 0)
    return aggregate([{"allreduce": allreduce(calls, payload)} for _ in range(ranks)])


def model_for(params):
    """The per-iteration model of a measured case's parameters (the probe's JSON)."""
    solver = params["solver"]
    if solver == "cg":
        return cg(params["n"], params["dim"], params["ranks"], params.get("preconditioner", "none"))
    if solver == "sor":
        return sor(params["n"], params["dim"], params["ranks"], params.get("ordering", "red-black"))
    if solver == "ssor_pcg":
        return ssor_pcg(params["n"], params["dim"], params["ranks"], params.get("ordering", "red-black"))
    if solver == "dcdm":
        return dcdm(params["n"], params["dim"], params["ranks"], params["network"], params.get("kept", 2))
    if solver == "sinkhorn":
        return sinkhorn(params["n"], params["ranks"])
    if solver == "sns_cg":
        return sns_cg_iteration(params["n"], params["ranks"])
    if solver == "moe_training":
        return moe_training_step(params["parameters"], params["ranks"])
    if solver == "grid_sketch":
        return grid_sketch(params["n"], params["ranks"], params["sketch"], params["block_size"])
    raise ValueError(f"no model for solver {solver!r}")
