// SPDX-License-Identifier: BSD-3-Clause
// The PMPI profiling layer: the MPI functions las calls, defined here and forwarded to
// their PMPI_* twins after counting (comm_counters.hpp). Any program linking las::core
// gets them in place of the MPI library's: a static archive's object is pulled in by
// las's own references to MPI_Allreduce & co., and a shared liblas_core comes before
// libmpi in the lookup order. HDF5 and PETSc reach these too, but they talk on their
// own communicators, which are not counted. MPI_Wtime and the non-communicating calls
// (communicator management, waits, tests) are not intercepted at all.
//
// Counted per call:
//   sends (MPI_Send, MPI_Isend, MPI_Ssend, the send half of MPI_Sendrecv): one message
//     of count x type size bytes, none to MPI_PROC_NULL; receives are not counted;
//   collectives: one call, with this rank's payload in bytes:
//     Allreduce, Iallreduce, Reduce, Scan, Exscan, Bcast: count x type size;
//     Allgather(v), Gather(v): the send count (the receive count when MPI_IN_PLACE);
//     Scatter(v): the receive count; Alltoall: send count x ranks; Alltoallv: the
//     sum of the send counts; Reduce_scatter: the sum of the receive counts (the
//     vector each rank contributes); Barrier, Ibarrier: 0 bytes.
#include <mpi.h>

#include <numeric>

#include "solvers/core/comm_counters.hpp"

// Set by the first wrapper that runs: comm_counters::intercepting() reads it, and that
// reference is what pulls this object out of a static liblas_core.a even when the MPI
// library came earlier on the link line.
bool las::comm_counters::detail::wrapper_ran = false;

namespace {

using las::comm_counters::counted;
using las::comm_counters::phase_for;

long long type_size(MPI_Datatype type) {
  int size = 0;
  PMPI_Type_size(type, &size);
  return size;
}

void count_send(MPI_Comm comm, int dest, int count, MPI_Datatype type, const char* automatic) {
  las::comm_counters::detail::wrapper_ran = true;
  if (dest == MPI_PROC_NULL || !counted(comm)) return;
  auto& c = phase_for(automatic);
  ++c.messages;
  c.bytes += count * type_size(type);
}

void count_collective(MPI_Comm comm, long long elements, MPI_Datatype type, const char* automatic) {
  las::comm_counters::detail::wrapper_ran = true;
  if (!counted(comm)) return;
  auto& c = phase_for(automatic);
  ++c.collectives;
  c.collective_bytes += elements * type_size(type);
}

long long total(const int counts[], MPI_Comm comm) {
  int ranks = 0;
  PMPI_Comm_size(comm, &ranks);
  return std::accumulate(counts, counts + ranks, 0LL);
}

int my_count(const int counts[], MPI_Comm comm) {
  int rank = 0;
  PMPI_Comm_rank(comm, &rank);
  return counts[rank];
}

int ranks_of(MPI_Comm comm) {
  int ranks = 0;
  PMPI_Comm_size(comm, &ranks);
  return ranks;
}

}  // namespace

extern "C" {

int MPI_Send(const void* buf, int count, MPI_Datatype datatype, int dest, int tag, MPI_Comm comm) {
  count_send(comm, dest, count, datatype, "send");
  return PMPI_Send(buf, count, datatype, dest, tag, comm);
}

int MPI_Ssend(const void* buf, int count, MPI_Datatype datatype, int dest, int tag, MPI_Comm comm) {
  count_send(comm, dest, count, datatype, "send");
  return PMPI_Ssend(buf, count, datatype, dest, tag, comm);
}

int MPI_Isend(const void* buf, int count, MPI_Datatype datatype, int dest, int tag, MPI_Comm comm,
              MPI_Request* request) {
  count_send(comm, dest, count, datatype, "send");
  return PMPI_Isend(buf, count, datatype, dest, tag, comm, request);
}

int MPI_Sendrecv(const void* sendbuf, int sendcount, MPI_Datatype sendtype, int dest, int sendtag,
                 void* recvbuf, int recvcount, MPI_Datatype recvtype, int source, int recvtag, MPI_Comm comm,
                 MPI_Status* status) {
  count_send(comm, dest, sendcount, sendtype, "sendrecv");
  return PMPI_Sendrecv(sendbuf, sendcount, sendtype, dest, sendtag, recvbuf, recvcount, recvtype, source,
                       recvtag, comm, status);
}

int MPI_Allreduce(const void* sendbuf, void* recvbuf, int count, MPI_Datatype datatype, MPI_Op op,
                  MPI_Comm comm) {
  count_collective(comm, count, datatype, "allreduce");
  return PMPI_Allreduce(sendbuf, recvbuf, count, datatype, op, comm);
}

int MPI_Iallreduce(const void* sendbuf, void* recvbuf, int count, MPI_Datatype datatype, MPI_Op op,
                   MPI_Comm comm, MPI_Request* request) {
  count_collective(comm, count, datatype, "allreduce");
  return PMPI_Iallreduce(sendbuf, recvbuf, count, datatype, op, comm, request);
}

int MPI_Reduce(const void* sendbuf, void* recvbuf, int count, MPI_Datatype datatype, MPI_Op op, int root,
               MPI_Comm comm) {
  count_collective(comm, count, datatype, "reduce");
  return PMPI_Reduce(sendbuf, recvbuf, count, datatype, op, root, comm);
}

int MPI_Scan(const void* sendbuf, void* recvbuf, int count, MPI_Datatype datatype, MPI_Op op, MPI_Comm comm) {
  count_collective(comm, count, datatype, "scan");
  return PMPI_Scan(sendbuf, recvbuf, count, datatype, op, comm);
}

int MPI_Exscan(const void* sendbuf, void* recvbuf, int count, MPI_Datatype datatype, MPI_Op op,
               MPI_Comm comm) {
  count_collective(comm, count, datatype, "exscan");
  return PMPI_Exscan(sendbuf, recvbuf, count, datatype, op, comm);
}

int MPI_Bcast(void* buffer, int count, MPI_Datatype datatype, int root, MPI_Comm comm) {
  count_collective(comm, count, datatype, "bcast");
  return PMPI_Bcast(buffer, count, datatype, root, comm);
}

int MPI_Allgather(const void* sendbuf, int sendcount, MPI_Datatype sendtype, void* recvbuf, int recvcount,
                  MPI_Datatype recvtype, MPI_Comm comm) {
  if (sendbuf == MPI_IN_PLACE)
    count_collective(comm, recvcount, recvtype, "allgather");
  else
    count_collective(comm, sendcount, sendtype, "allgather");
  return PMPI_Allgather(sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype, comm);
}

int MPI_Allgatherv(const void* sendbuf, int sendcount, MPI_Datatype sendtype, void* recvbuf,
                   const int recvcounts[], const int displs[], MPI_Datatype recvtype, MPI_Comm comm) {
  if (sendbuf == MPI_IN_PLACE)
    count_collective(comm, counted(comm) ? my_count(recvcounts, comm) : 0, recvtype, "allgatherv");
  else
    count_collective(comm, sendcount, sendtype, "allgatherv");
  return PMPI_Allgatherv(sendbuf, sendcount, sendtype, recvbuf, recvcounts, displs, recvtype, comm);
}

int MPI_Gather(const void* sendbuf, int sendcount, MPI_Datatype sendtype, void* recvbuf, int recvcount,
               MPI_Datatype recvtype, int root, MPI_Comm comm) {
  if (sendbuf == MPI_IN_PLACE)
    count_collective(comm, recvcount, recvtype, "gather");
  else
    count_collective(comm, sendcount, sendtype, "gather");
  return PMPI_Gather(sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype, root, comm);
}

int MPI_Gatherv(const void* sendbuf, int sendcount, MPI_Datatype sendtype, void* recvbuf, const int recvcounts[],
                const int displs[], MPI_Datatype recvtype, int root, MPI_Comm comm) {
  if (sendbuf == MPI_IN_PLACE)
    count_collective(comm, counted(comm) ? my_count(recvcounts, comm) : 0, recvtype, "gatherv");
  else
    count_collective(comm, sendcount, sendtype, "gatherv");
  return PMPI_Gatherv(sendbuf, sendcount, sendtype, recvbuf, recvcounts, displs, recvtype, root, comm);
}

int MPI_Scatter(const void* sendbuf, int sendcount, MPI_Datatype sendtype, void* recvbuf, int recvcount,
                MPI_Datatype recvtype, int root, MPI_Comm comm) {
  count_collective(comm, recvcount, recvtype, "scatter");
  return PMPI_Scatter(sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype, root, comm);
}

int MPI_Scatterv(const void* sendbuf, const int sendcounts[], const int displs[], MPI_Datatype sendtype,
                 void* recvbuf, int recvcount, MPI_Datatype recvtype, int root, MPI_Comm comm) {
  count_collective(comm, recvcount, recvtype, "scatterv");
  return PMPI_Scatterv(sendbuf, sendcounts, displs, sendtype, recvbuf, recvcount, recvtype, root, comm);
}

int MPI_Alltoall(const void* sendbuf, int sendcount, MPI_Datatype sendtype, void* recvbuf, int recvcount,
                 MPI_Datatype recvtype, MPI_Comm comm) {
  count_collective(comm, counted(comm) ? static_cast<long long>(sendcount) * ranks_of(comm) : 0, sendtype,
                   "alltoall");
  return PMPI_Alltoall(sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype, comm);
}

int MPI_Alltoallv(const void* sendbuf, const int sendcounts[], const int sdispls[], MPI_Datatype sendtype,
                  void* recvbuf, const int recvcounts[], const int rdispls[], MPI_Datatype recvtype,
                  MPI_Comm comm) {
  count_collective(comm, counted(comm) ? total(sendcounts, comm) : 0, sendtype, "alltoallv");
  return PMPI_Alltoallv(sendbuf, sendcounts, sdispls, sendtype, recvbuf, recvcounts, rdispls, recvtype, comm);
}

int MPI_Reduce_scatter(const void* sendbuf, void* recvbuf, const int recvcounts[], MPI_Datatype datatype,
                       MPI_Op op, MPI_Comm comm) {
  count_collective(comm, counted(comm) ? total(recvcounts, comm) : 0, datatype, "reduce_scatter");
  return PMPI_Reduce_scatter(sendbuf, recvbuf, recvcounts, datatype, op, comm);
}

int MPI_Barrier(MPI_Comm comm) {
  count_collective(comm, 0, MPI_BYTE, "barrier");
  return PMPI_Barrier(comm);
}

int MPI_Ibarrier(MPI_Comm comm, MPI_Request* request) {
  count_collective(comm, 0, MPI_BYTE, "barrier");
  return PMPI_Ibarrier(comm, request);
}

}  // extern "C"
