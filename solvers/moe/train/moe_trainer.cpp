// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/moe/train/moe_trainer.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iomanip>
#include <sstream>
#include <utility>

#include "solvers/core/error.hpp"
#include "solvers/core/log.hpp"
#include "solvers/core/stop_signals.hpp"
#include "solvers/io/output_file.hpp"
#include "solvers/io/state_record_io.hpp"
#include "solvers/learning/rng.hpp"
#include "solvers/moe/models/relative_error.hpp"
#include "solvers/pde/pde_dataset.hpp"
#include "solvers/sequences/samplers.hpp"
#include "solvers/training/adam_state_record.hpp"
#include "solvers/training/data_parallel.hpp"

namespace las::moe {
namespace {

constexpr const char* kCheckpointKind = "las-moe-trainer";

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

/// The loss terms of one step on one rank, already weighted by its share of the batch.
struct StepLoss {
  torch::Tensor objective;  ///< what backward() runs on
  double total = 0, pde = 0, initial = 0, boundary = 0, data = 0;
  long long lm_failed = 0;
  std::string lm_first_failure;

  void add(const StepLoss& other) {
    total += other.total;
    pde += other.pde;
    initial += other.initial;
    boundary += other.boundary;
    data += other.data;
    lm_failed += other.lm_failed;
    if (lm_first_failure.empty()) lm_first_failure = other.lm_first_failure;
  }
};

}  // namespace

const char* to_string(ModelVariant variant) {
  switch (variant) {
    case ModelVariant::SoftConstraint: return "pi_sc";
    case ModelVariant::HardConstraint: return "pi_hc";
    case ModelVariant::HardConstraintMoe: return "pi_hc_moe";
  }
  return "?";
}

ModelVariant parse_model_variant(const std::string& name) {
  for (auto v : {ModelVariant::SoftConstraint, ModelVariant::HardConstraint, ModelVariant::HardConstraintMoe})
    if (name == to_string(v)) return v;
  throw ConfigError("model.variant = '" + name + "': expected pi_sc, pi_hc or pi_hc_moe");
}

int64_t MoeTrainingOptions::experts() const {
  if (variant != ModelVariant::HardConstraintMoe) return 1;
  int64_t k = 1;
  for (const auto s : split) k *= s;
  return k;
}

void MoeTrainingOptions::validate() const {
  network.validate();
  for (const auto s : split)
    if (s < 1) throw ConfigError("moe.split entries must be >= 1, got " + std::to_string(s));
  if (sampled_points < experts())
    throw ConfigError("moe.sampled_points = " + std::to_string(sampled_points) + ": fewer than the " +
                      std::to_string(experts()) + " experts");
  if (!(pde_weight > 0)) throw ConfigError("constraints.pde_weight must be > 0");
  if (!(data_weight >= 0)) throw ConfigError("training.data_weight must be >= 0");
  if (batch < 1) throw ConfigError("training.batch must be >= 1, got " + std::to_string(batch));
  if (!(learning_rate > 0) || !(min_learning_rate > 0) || min_learning_rate > learning_rate)
    throw ConfigError("training.min_learning_rate must lie in (0, training.learning_rate]");
  if (halve_every < 1) throw ConfigError("training.halve_every must be >= 1");
  if (!(clip_norm > 0)) throw ConfigError("training.clip_norm must be > 0");
  if (log_every < 1) throw ConfigError("training.log_every must be >= 1");
  if (checkpoint_every > 0 && checkpoint_file.empty())
    throw ConfigError("training.checkpoint_every > 0 needs output.checkpoint");
}

struct MoeTrainer::Impl {
  Comm comm;
  MoeReferenceSet data;
  MoeTrainingOptions opt;
  Fno network{nullptr};  // the field (PI-SC) or the basis (PI-HC, PI-HC-MoE)
  std::unique_ptr<torch::optim::Adam> adam;
  learning::Rng rng;
  long long step = 0;
  std::vector<MoeLossRecord> history;
  MoeLossRecord pending;  // sums since the last history entry
  long long pending_steps = 0;
  double trained_seconds = 0;
  long long trained_steps = 0;
  int stopped_by = 0;  // the signal that ended the last train() early

  Impl(const Comm& c, MoeReferenceSet d, const MoeTrainingOptions& o)
      : comm(c), data(std::move(d)), opt(o), rng(o.batch_seed) {}

  std::vector<torch::Tensor> parameters() const { return network->parameters(); }
  bool soft() const { return opt.variant == ModelVariant::SoftConstraint; }

  HardConstraintSettings hard_settings() const {
    HardConstraintSettings h;
    h.split = opt.variant == ModelVariant::HardConstraintMoe ? opt.split
                                                             : std::vector<int64_t>(opt.split.size(), 1);
    h.points_per_expert = opt.sampled_points / opt.experts();
    h.lm = opt.lm;
    h.pde_weight = opt.pde_weight;
    return h;
  }

  /// The model's field for initial conditions [b, spatial...] (float64 for the hard variants).
  torch::Tensor field(const torch::Tensor& initial, std::uint64_t seed, LmSummary* lm) {
    const MoePhysics& physics = *data.physics;
    const torch::Tensor output = network->forward(physics.network_input(initial));
    if (soft()) return physics.soft_field(output, initial);
    HardConstraintResult r = physics.hard_field(output, initial, hard_settings(), seed);
    if (lm) *lm = r.lm;
    return r.u;
  }

  double learning_rate_at(long long s) const {
    const double halvings = std::floor(static_cast<double>(s) / static_cast<double>(opt.halve_every));
    return std::max(opt.min_learning_rate, opt.learning_rate * std::pow(0.5, halvings));
  }

  // Settings a checkpoint must agree with; the first mismatch is named. The grid and split
  // are named by axis ("split_t", "cells_x"; time's points are "times" and x's "cells", the
  // names of the files written before Navier–Stokes); the PDE is recorded as "pde_axes"
  // (2: diffusion-sorption, 3: Navier-Stokes), absent from those older files.
  std::vector<std::pair<std::string, std::int64_t>> fingerprint() const {
    const auto& n = opt.network;
    std::vector<std::pair<std::string, std::int64_t>> f = {{"variant", static_cast<int64_t>(opt.variant)},
                                                           {"layers", n.layers},
                                                           {"modes", n.modes},
                                                           {"width", n.width},
                                                           {"fc_width", n.fc_width},
                                                           {"basis", n.out_channels},
                                                           {"sampled_points", opt.sampled_points},
                                                           {"batch", opt.batch},
                                                           {"train_samples", data.samples()}};
    const auto axes = data.physics->axis_names();
    const auto shape = data.physics->grid_shape();
    for (std::size_t a = 0; a < axes.size(); ++a) {
      f.emplace_back("split_" + axes[a], opt.split[a]);
      f.emplace_back(a == 0 ? "times" : (axes[a] == "x" ? "cells" : "cells_" + axes[a]), shape[a]);
    }
    if (axes.size() != 2) f.emplace_back("pde_axes", static_cast<std::int64_t>(axes.size()));
    return f;
  }

  // The forward pass of this rank's share of a batch (u0 [b, spatial...]), loss weighted by
  // share. `reference` is the sample's trajectory [1, T, ...]; only read when data_weight > 0.
  StepLoss loss_of(const torch::Tensor& u0, const torch::Tensor& reference, double share, std::uint64_t seed) {
    StepLoss out;
    LmSummary lm;
    const torch::Tensor u = field(u0, seed, &lm);
    out.lm_failed = lm.failed;
    out.lm_first_failure = lm.first_failure;
    const PhysicsLoss loss = data.physics->loss(u, u0);
    const double w2 = opt.pde_weight * opt.pde_weight;
    torch::Tensor objective = (w2 * loss.pde + loss.initial + loss.boundary).to(torch::kFloat64);
    if (opt.data_weight > 0) {
      const torch::Tensor misfit = opt.data_weight * (u.to(torch::kFloat64) - reference).square().mean();
      out.data = misfit.item<double>() * share;
      objective = objective + misfit;
    }
    out.objective = objective * share;
    out.total = out.objective.item<double>();
    out.pde = w2 * loss.pde.item<double>() * share;
    out.initial = loss.initial.item<double>() * share;
    out.boundary = loss.boundary.item<double>() * share;
    return out;
  }

  void one_step() {
    const long long s_count = data.samples();
    std::vector<long long> batch(static_cast<size_t>(opt.batch));
    for (auto& i : batch)
      i = std::min(s_count - 1, static_cast<long long>(rng.uniform() * static_cast<double>(s_count)));
    const auto [begin, end] = pde::block_range(opt.batch, comm.rank(), comm.size());
    for (auto& group : adam->param_groups())
      static_cast<torch::optim::AdamOptions&>(group.options()).lr(learning_rate_at(step));
    const auto params = parameters();
    training::GradientSum gradient(params);
    StepLoss local;
    const std::uint64_t points_seed = sequences::instance_seed(opt.sample_seed, step);
    // One sample at a time: its float32 gradient then does not depend on which samples
    // share its rank, and the float64 sums over samples and ranks arrive at the same
    // gradient for any rank count (see GradientSum), so the runs stay together.
    for (long long b = begin; b < end; ++b) {
      adam->zero_grad();
      const auto sample = static_cast<int64_t>(batch[static_cast<size_t>(b)]);
      const torch::Tensor index = torch::tensor({sample});
      const torch::Tensor u0 = data.initial().index_select(0, index);
      const StepLoss one = loss_of(u0, data.u.index_select(0, index), 1.0 / static_cast<double>(opt.batch), points_seed);
      one.objective.backward();
      gradient.add_current_gradients();
      local.add(one);
    }
    gradient.allreduce_into_gradients(comm);
    // Every rank holds the same summed gradient, so every rank takes the same branch.
    const double norm = torch::nn::utils::clip_grad_norm_(params, opt.clip_norm);
    if (std::isfinite(norm)) {
      adam->step();
    } else {
      ++pending.skipped;
      log::warn(comm, "moe_train: step " + std::to_string(step + 1) + ": gradient not finite, update skipped");
    }
    ++step;

    // The step's loss terms and failure count in one all-reduce (counts are exact in a
    // double far beyond any batch's number of LM problems).
    std::vector<double> sums = {local.total, local.pde, local.initial, local.boundary,
                                static_cast<double>(local.lm_failed), local.data};
    comm.sum_in_place(sums);
    const auto failed = static_cast<long long>(sums[4]);
    if (failed > 0 && !local.lm_first_failure.empty())
      log::debug(comm, "moe_train: step " + std::to_string(step) + ": " + local.lm_first_failure);
    pending.loss += sums[0];
    pending.pde += sums[1];
    pending.initial += sums[2];
    pending.boundary += sums[3];
    pending.data += sums[5];
    pending.lm_failed += failed;
    ++pending_steps;
  }

  void record(double seconds) {
    const double n = static_cast<double>(pending_steps);
    MoeLossRecord r = pending;
    r.step = step;
    r.loss /= n;
    r.pde /= n;
    r.initial /= n;
    r.boundary /= n;
    r.data /= n;
    r.seconds_per_step = seconds / n;
    history.push_back(r);
    pending = {};
    pending_steps = 0;
  }
};

MoeTrainer::MoeTrainer(const Comm& comm, MoeReferenceSet train, const MoeTrainingOptions& options)
    : impl_(std::make_unique<Impl>(comm, std::move(train), options)) {
  Impl& m = *impl_;
  LAS_CHECK(m.data.samples() > 0 && m.data.physics, "MoeTrainer: an empty training set");
  const MoePhysics& physics = *m.data.physics;
  const auto axes = physics.axis_names();
  if (m.opt.split.size() != axes.size()) {
    std::string names;
    for (const auto& a : axes) names += (names.empty() ? "" : ", ") + a;
    throw ConfigError("moe.split needs " + std::to_string(axes.size()) + " entries (" + names + ") for " +
                      physics.name() + ", got " + std::to_string(m.opt.split.size()));
  }
  m.opt.network.dims = static_cast<int>(axes.size());
  m.opt.network.in_channels = physics.input_channels();
  if (m.opt.variant == ModelVariant::SoftConstraint) m.opt.network.out_channels = 1;
  m.opt.validate();
  torch::set_num_threads(m.opt.threads);
  torch::manual_seed(m.opt.init_seed);
  // Registered as "network" in a parent module before, the weights' order is the same.
  m.network = Fno(m.opt.network);
  m.adam = std::make_unique<torch::optim::Adam>(m.parameters(), torch::optim::AdamOptions(m.opt.learning_rate));
}

MoeTrainer::~MoeTrainer() = default;

long long MoeTrainer::train(long long until) {
  Impl& m = *impl_;
  const auto& o = m.opt;
  const long long stop = until < 0 ? o.steps : std::min(until, o.steps);
  const long long first = m.step;
  const auto start = Clock::now();
  auto last_print = start;
  auto since_record = start;
  m.stopped_by = 0;
  while (m.step < stop) {
    m.one_step();
    if (m.step % o.log_every == 0 || m.step == o.steps) {
      m.record(seconds_since(since_record));
      since_record = Clock::now();
    }
    const bool checkpointed = o.checkpoint_every > 0 && m.step % o.checkpoint_every == 0;
    if (checkpointed) write_checkpoint(o.checkpoint_file);
    if (m.step < stop && (m.stopped_by = stop_requested(m.comm)) != 0) {
      if (!checkpointed && !o.checkpoint_file.empty()) write_checkpoint(o.checkpoint_file);
      break;
    }
    if (seconds_since(last_print) >= o.progress_seconds || m.step == stop) {
      last_print = Clock::now();
      const double rate = static_cast<double>(m.step - first) / std::max(seconds_since(start), 1e-9);
      std::ostringstream msg;
      msg << "moe_train: " << to_string(o.variant) << " step " << m.step << "/" << o.steps;
      if (!m.history.empty()) msg << "  loss " << m.history.back().loss << " (step " << m.history.back().step << ")";
      msg << "  " << std::setprecision(3) << rate << " steps/s  ETA "
          << log::duration_text(static_cast<double>(o.steps - m.step) / std::max(rate, 1e-12));
      log::info(m.comm, msg.str());
    }
  }
  m.trained_seconds += seconds_since(start);
  m.trained_steps += m.step - first;
  return m.step;
}

MoeEvaluation MoeTrainer::evaluate(const MoeReferenceSet& test) const {
  Impl& m = *impl_;
  torch::NoGradGuard no_grad;
  LAS_CHECK(test.physics && test.physics->name() == m.data.physics->name() &&
                test.u.sizes().slice(1) == m.data.u.sizes().slice(1),
            test.file + ": the test grid or equation differs from the training set's");
  const auto [begin, end] = pde::block_range(test.samples(), m.comm.rank(), m.comm.size());
  MoeEvaluation e;
  e.samples = test.samples();
  double sum = 0, sum_sq = 0, max = 0, seconds = 0;
  LmSummary lm;
  if (end > begin) {
    const torch::Tensor u0 = test.initial().slice(0, begin, end);
    const torch::Tensor reference = test.u.slice(0, begin, end);
    const auto start = Clock::now();
    const torch::Tensor u = m.field(u0, m.opt.sample_seed, &lm).to(torch::kFloat64);
    seconds = seconds_since(start);
    const torch::Tensor err = relative_l2_error(u, reference);
    sum = err.sum().item<double>();
    sum_sq = err.square().sum().item<double>();
    max = err.max().item<double>();
  }
  const double n = static_cast<double>(e.samples);
  e.mean_error = m.comm.sum(sum) / n;
  e.std_error = std::sqrt(std::max(0.0, m.comm.sum(sum_sq) / n - e.mean_error * e.mean_error));
  e.max_error = m.comm.max(max);
  e.seconds_per_sample = m.comm.max(end > begin ? seconds / static_cast<double>(end - begin) : 0.0);
  e.lm_problems = m.comm.sum(lm.problems);
  e.lm_failed = m.comm.sum(lm.failed);
  e.lm_max_iterations = static_cast<int>(m.comm.max(static_cast<long long>(lm.max_iterations_used)));
  e.lm_first_failure = lm.first_failure;  // this rank's; the count above is global
  return e;
}

std::vector<double> MoeTrainer::predict(const MoeReferenceSet& set, long long sample) const {
  Impl& m = *impl_;
  torch::NoGradGuard no_grad;
  LAS_CHECK(sample >= 0 && sample < set.samples(), "predict: sample out of range");
  const torch::Tensor u0 = set.initial().slice(0, sample, sample + 1);
  const torch::Tensor c = m.field(u0, m.opt.sample_seed, nullptr).to(torch::kFloat64).contiguous();
  return std::vector<double>(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
}

long long MoeTrainer::step() const { return impl_->step; }
int MoeTrainer::stopped_by() const { return impl_->stopped_by; }
const std::vector<MoeLossRecord>& MoeTrainer::history() const { return impl_->history; }
double MoeTrainer::mean_seconds_per_step() const {
  return impl_->trained_steps > 0 ? impl_->trained_seconds / static_cast<double>(impl_->trained_steps) : 0.0;
}

long long MoeTrainer::parameter_count() const {
  long long n = 0;
  for (const auto& p : impl_->parameters()) n += p.numel();
  return n;
}

std::vector<double> MoeTrainer::state_vector() const {
  const Impl& m = *impl_;
  const auto params = m.parameters();
  std::vector<torch::Tensor> state = params;
  for (const auto& p : params) {
    if (const auto* st = training::adam_state_of(*m.adam, p)) {
      state.push_back(st->exp_avg());
      state.push_back(st->exp_avg_sq());
    }
  }
  return training::flatten_parameters(state);
}

void MoeTrainer::write_checkpoint(const std::string& path) const {
  const Impl& m = *impl_;
  learning::StateRecord r;
  r.kind = kCheckpointKind;
  for (const auto& [name, value] : m.fingerprint()) r.integers["setting_" + name] = {value};
  r.reals["learning_rate"] = {m.opt.learning_rate};
  r.reals["pde_weight"] = {m.opt.pde_weight};
  r.reals["data_weight"] = {m.opt.data_weight};
  r.reals["parameters"] = training::flatten_parameters(m.parameters());
  r.integers["step"] = {m.step};
  const auto& s = m.rng.state();
  r.words["rng"] = {s.begin(), s.end()};
  training::store_adam_state(*m.adam, m.parameters(), r);
  std::vector<std::int64_t> steps, failed, skipped;
  std::vector<double> loss, pde, initial, boundary, data, seconds;
  for (const auto& h : m.history) {
    steps.push_back(h.step);
    failed.push_back(h.lm_failed);
    skipped.push_back(h.skipped);
    loss.push_back(h.loss);
    pde.push_back(h.pde);
    initial.push_back(h.initial);
    boundary.push_back(h.boundary);
    data.push_back(h.data);
    seconds.push_back(h.seconds_per_step);
  }
  r.integers["history_step"] = steps;
  r.integers["history_lm_failed"] = failed;
  r.integers["history_skipped"] = skipped;
  r.reals["history_loss"] = loss;
  r.reals["history_pde"] = pde;
  r.reals["history_initial"] = initial;
  r.reals["history_boundary"] = boundary;
  r.reals["history_data"] = data;
  r.reals["history_seconds_per_step"] = seconds;
  // The sums since the last log entry, so a checkpoint between entries (a stop signal's)
  // continues the loss log exactly too.
  const MoeLossRecord& p = m.pending;
  r.reals["pending_sums"] = {p.loss, p.pde, p.initial, p.boundary, p.data};
  r.integers["pending_counts"] = {m.pending_steps, p.lm_failed, p.skipped};
  io::OutputFile out(m.comm, path, m.opt.config);
  io::write_state_record(out, "trainer", r);
  out.commit();
}

void MoeTrainer::restore(const std::string& checkpoint) {
  Impl& m = *impl_;
  const learning::StateRecord r = io::read_state_record(m.comm, checkpoint, "trainer");
  auto fail = [&](const std::string& what) { throw InputError(checkpoint + ": " + what); };
  if (r.kind != kCheckpointKind) fail("not an MoE training checkpoint (kind '" + r.kind + "')");
  auto integers = [&](const std::string& name) -> const std::vector<std::int64_t>& {
    const auto it = r.integers.find(name);
    if (it == r.integers.end()) fail("missing '" + name + "'");
    return it->second;
  };
  auto reals = [&](const std::string& name) -> const std::vector<double>& {
    const auto it = r.reals.find(name);
    if (it == r.reals.end()) fail("missing '" + name + "'");
    return it->second;
  };
  for (const auto& [name, value] : m.fingerprint()) {
    const auto& have = integers("setting_" + name);
    if (have.size() != 1 || have[0] != value)
      fail("written with " + name + " = " + (have.empty() ? std::string("?") : std::to_string(have[0])) +
           ", this run has " + std::to_string(value));
  }
  if (reals("learning_rate") != std::vector<double>{m.opt.learning_rate}) fail("written with another learning_rate");
  if (reals("pde_weight") != std::vector<double>{m.opt.pde_weight}) fail("written with another constraints.pde_weight");
  // Files from before training.data_weight existed trained on the physics alone.
  const auto optional_reals = [&](const std::string& name, std::vector<double> otherwise) {
    const auto it = r.reals.find(name);
    return it == r.reals.end() ? otherwise : it->second;
  };
  if (optional_reals("data_weight", {0.0}) != std::vector<double>{m.opt.data_weight})
    fail("written with another training.data_weight");
  training::assign_parameters(reals("parameters"), m.parameters(), fail);
  training::restore_adam_state(r, m.parameters(), *m.adam, fail);
  const auto& step = integers("step");
  if (step.size() != 1) fail("malformed 'step'");
  m.step = step[0];
  const auto rng = r.words.find("rng");
  if (rng == r.words.end() || rng->second.size() != 4) fail("missing 'rng'");
  m.rng.set_state({rng->second[0], rng->second[1], rng->second[2], rng->second[3]});
  const auto& hs = integers("history_step");
  const auto& hf = integers("history_lm_failed");
  const auto& hk = integers("history_skipped");
  const auto& hl = reals("history_loss");
  const auto& hp = reals("history_pde");
  const auto& hi = reals("history_initial");
  const auto& hb = reals("history_boundary");
  const auto& ht = reals("history_seconds_per_step");
  const size_t n = hs.size();
  const std::vector<double> hd = optional_reals("history_data", std::vector<double>(n, 0.0));
  if (hf.size() != n || hk.size() != n || hl.size() != n || hp.size() != n || hi.size() != n || hb.size() != n ||
      hd.size() != n || ht.size() != n)
    fail("malformed loss history");
  m.history.clear();
  for (size_t q = 0; q < n; ++q) m.history.push_back({hs[q], hl[q], hp[q], hi[q], hb[q], hd[q], ht[q], hf[q], hk[q]});
  m.pending = {};
  m.pending_steps = 0;
  const auto sums = r.reals.find("pending_sums");  // absent in files written before it existed
  const auto counts = r.integers.find("pending_counts");
  if (sums != r.reals.end() && counts != r.integers.end()) {
    if (sums->second.size() != 5 || counts->second.size() != 3) fail("malformed 'pending_sums' or 'pending_counts'");
    const auto& v = sums->second;
    m.pending.loss = v[0];
    m.pending.pde = v[1];
    m.pending.initial = v[2];
    m.pending.boundary = v[3];
    m.pending.data = v[4];
    m.pending_steps = counts->second[0];
    m.pending.lm_failed = counts->second[1];
    m.pending.skipped = counts->second[2];
  }
  log::info(m.comm, "moe_train: resumed at step " + std::to_string(m.step) + " from " + checkpoint);
}

}  // namespace las::moe
