// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/nn/torch/dcdm_trainer.hpp"

#include <chrono>
#include <cmath>
#include <iomanip>
#include <limits>
#include <sstream>

#include "solvers/core/error.hpp"
#include "solvers/core/log.hpp"
#include "solvers/core/stop_signals.hpp"
#include "solvers/io/output_file.hpp"
#include "solvers/io/state_record_io.hpp"
#include "solvers/learning/rng.hpp"
#include "solvers/nn/network_io.hpp"
#include "solvers/nn/torch/torch_dcdm_net.hpp"
#include "solvers/training/adam_state_record.hpp"

namespace las::nn {
namespace {

constexpr const char* kCheckpointKind = "las-dcdm-trainer";
constexpr const char* kTrainingKind = "las-dcdm-training";

torch::Tensor face_tensor(const kernels::ConstVector& f, std::vector<int64_t> shape) {
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), f);
  std::vector<double> v(h.data(), h.data() + h.extent(0));
  return torch::from_blob(v.data(), shape, torch::kFloat64).clone().to(torch::kFloat32);
}

}  // namespace

struct DcdmTrainer::Impl {
  const BoxGrid& grid;
  const StencilOperator& op;
  TrainingOptions opt;
  int dim;
  std::array<long long, 3> n;
  std::vector<int64_t> field_shape;  // [(nz)][ny][nx]
  RitzBasis basis;
  torch::Tensor ritz;        // [m][cells] float32
  torch::Tensor validation;  // [V][1][(nz)][ny][nx]
  // The operator in torch: flux form with face coefficients (exactly StencilOperator).
  bool variable = false;
  double cx = 0, cy = 0, cz = 0, shift = 0;
  torch::Tensor fx, fy, fz;
  mutable TorchDcdmNet net{nullptr};
  std::unique_ptr<torch::optim::Adam> adam;
  learning::Rng rng;
  long long step = 0;
  long long max_index = -1;
  double acc_sum = 0;
  long long acc_count = 0;
  std::vector<LossRecord> history;
  int stopped_by = 0;  // the signal that ended the last train() early

  Impl(const BoxGrid& g, const StencilOperator& o, const TrainingOptions& options)
      : grid(g), op(o), opt(options), dim(g.dim()), n(g.global_extent()), rng(options.batch_seed) {}

  torch::Tensor apply_a(const torch::Tensor& x) const {
    // x: [B][1][(D)][H][W]; zero values outside the grid (homogeneous Dirichlet).
    auto axis_term = [&](int64_t d, const torch::Tensor& f, double c) {
      std::vector<int64_t> pad(static_cast<size_t>(2 * (-d)), 0);  // last dims first
      pad[2 * (-d - 1)] = 1;
      pad[2 * (-d - 1) + 1] = 1;
      const torch::Tensor xp = torch::constant_pad_nd(x, pad, 0.0);
      const int64_t len = xp.size(d);
      torch::Tensor flux = xp.narrow(d, 1, len - 1) - xp.narrow(d, 0, len - 1);
      flux = variable ? flux * f : flux * c;
      return flux.narrow(d, 0, len - 2) - flux.narrow(d, 1, len - 2);
    };
    torch::Tensor y = axis_term(-1, fx, cx) + axis_term(-2, fy, cy);
    if (dim == 3) y = y + axis_term(-3, fz, cz);
    if (shift != 0.0) y = y + shift * x;
    return y;
  }

  torch::Tensor loss_of(const torch::Tensor& b) const {
    const torch::Tensor f = net->forward(b);
    const torch::Tensor af = apply_a(f);
    const int64_t bs = b.size(0);
    const torch::Tensor fb = (f * b).reshape({bs, -1}).sum(1);
    const torch::Tensor faf = (f * af).reshape({bs, -1}).sum(1);
    std::vector<int64_t> bshape(static_cast<size_t>(b.dim()), 1);
    bshape[0] = bs;
    const torch::Tensor s = (fb / faf).reshape(bshape);
    const torch::Tensor r = b - s * af;
    return (r * r).reshape({bs, -1}).sum(1).mean();
  }

  torch::Tensor samples(const std::vector<long long>& indices) const {
    const int m = basis.count();
    std::vector<float> c(indices.size() * static_cast<size_t>(m));
    for (size_t s = 0; s < indices.size(); ++s) {
      const auto cs = sample_coefficients(opt.recipe, indices[s], m);
      std::copy(cs.begin(), cs.end(), c.begin() + static_cast<std::ptrdiff_t>(s * m));
    }
    const auto bs = static_cast<int64_t>(indices.size());
    torch::Tensor ct = torch::from_blob(c.data(), {bs, m}, torch::kFloat32);
    torch::Tensor b = ct.matmul(ritz);
    b = b / b.norm(2, {1}, true);
    std::vector<int64_t> shape = {bs, 1};
    shape.insert(shape.end(), field_shape.begin(), field_shape.end());
    return b.reshape(shape).contiguous();
  }

  double validation_loss() const {
    torch::NoGradGuard guard;
    double total = 0;
    const int64_t v = validation.size(0);
    for (int64_t s = 0; s < v; s += 64) {
      const int64_t c = std::min<int64_t>(64, v - s);
      total += loss_of(validation.narrow(0, s, c)).item<double>() * static_cast<double>(c);
    }
    return total / static_cast<double>(v);
  }

  std::vector<torch::Tensor> params() const { return net->parameters(); }

  // Settings a checkpoint must agree with; the first mismatch is named.
  std::vector<std::pair<std::string, std::int64_t>> fingerprint() const {
    const auto& a = opt.arch;
    return {{"grid_nx", n[0]}, {"grid_ny", n[1]}, {"grid_nz", n[2]}, {"dim", a.dim}, {"channels", a.channels},
            {"pairs_before", a.pairs_before}, {"pairs_coarse", a.pairs_coarse}, {"pairs_after", a.pairs_after},
            {"levels", a.levels},
            {"lanczos_steps", opt.lanczos.steps}, {"lanczos_seed", static_cast<std::int64_t>(opt.lanczos.seed)},
            {"weighted_count", opt.recipe.weighted_count}, {"sample_seed", static_cast<std::int64_t>(opt.recipe.seed)},
            {"train_samples", opt.train_samples}, {"validation_samples", opt.validation_samples},
            {"batch", opt.batch}, {"init_seed", static_cast<std::int64_t>(opt.init_seed)},
            {"batch_seed", static_cast<std::int64_t>(opt.batch_seed)}, {"validate_every", opt.validate_every}};
  }

  learning::StateRecord history_record(learning::StateRecord r) const {
    std::vector<std::int64_t> steps;
    std::vector<double> train, val;
    for (const auto& h : history) {
      steps.push_back(h.step);
      train.push_back(h.train);
      val.push_back(h.validation);
    }
    r.integers["history_step"] = steps;
    r.reals["history_train"] = train;
    r.reals["history_validation"] = val;
    return r;
  }
};

DcdmTrainer::DcdmTrainer(const BoxGrid& grid, const StencilOperator& op, const TrainingOptions& options)
    : impl_(std::make_unique<Impl>(grid, op, options)) {
  Impl& m = *impl_;
  const TrainingOptions& o = m.opt;
  if (grid.comm().size() != 1) throw ConfigError("DCDM training runs on one rank (got " + std::to_string(grid.comm().size()) + ")");
  if (&op.grid() != &grid) throw ConfigError("DcdmTrainer: the operator is not on the training grid");
  o.arch.validate();
  if (o.arch.dim != grid.dim()) throw ConfigError("network.dim " + std::to_string(o.arch.dim) + " differs from the grid's " + std::to_string(grid.dim()));
  if (o.train_samples < 1 || o.validation_samples < 1) throw ConfigError("train_samples and validation_samples must be >= 1");
  if (o.batch < 1) throw ConfigError("batch must be >= 1");
  if (o.validate_every < 1) throw ConfigError("validate_every must be >= 1");
  if (o.checkpoint_every > 0 && o.checkpoint_file.empty()) throw ConfigError("checkpoint_every needs checkpoint_file");
  torch::set_num_threads(std::max(1, o.threads));

  if (m.dim == 3) m.field_shape.push_back(m.n[2]);
  m.field_shape.push_back(m.n[1]);
  m.field_shape.push_back(m.n[0]);

  const auto& coef = op.coefficients();
  m.variable = coef.variable;
  m.shift = coef.shift;
  if (coef.variable) {
    std::vector<int64_t> sx = m.field_shape, sy = m.field_shape, sz = m.field_shape;
    sx.back() += 1;
    sy[sy.size() - 2] += 1;
    m.fx = face_tensor(coef.fx, sx);
    m.fy = face_tensor(coef.fy, sy);
    if (m.dim == 3) {
      sz[0] += 1;
      m.fz = face_tensor(coef.fz, sz);
    }
  } else {
    m.cx = coef.cx;
    m.cy = coef.cy;
    m.cz = coef.cz;
  }

  const auto t0 = std::chrono::steady_clock::now();
  m.basis = lanczos_ritz(op, o.lanczos);
  const double lanczos_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  LAS_CHECK(m.basis.count() > 0, "DcdmTrainer: Lanczos gave no Ritz vector above the null tolerance");
  std::vector<float> y(m.basis.vectors.begin(), m.basis.vectors.end());
  m.ritz = torch::from_blob(y.data(), {m.basis.count(), m.basis.local_size}, torch::kFloat32).clone();
  std::vector<long long> vidx;
  for (long long s = 0; s < o.validation_samples; ++s) vidx.push_back(o.train_samples + s);
  m.validation = m.samples(vidx);

  m.net = TorchDcdmNet(o.arch);
  m.net->copy_from(DcdmNetwork::random(o.arch, o.init_seed));
  m.adam = std::make_unique<torch::optim::Adam>(m.net->parameters(),
                                                torch::optim::AdamOptions(o.learning_rate));
  m.history.push_back({0, std::numeric_limits<double>::quiet_NaN(), m.validation_loss()});
  std::ostringstream msg;
  msg << "dcdm_train: " << m.basis.lanczos_steps << " Lanczos steps -> " << m.basis.count() << " Ritz vectors in "
      << log::duration_text(lanczos_s) << " (Ritz values " << m.basis.values.front() << " .. " << m.basis.values.back()
      << "); " << o.train_samples << " training + " << o.validation_samples
      << " validation samples; step-0 validation loss " << m.history.back().validation;
  log::info(grid.comm(), msg.str());
}

DcdmTrainer::~DcdmTrainer() = default;

long long DcdmTrainer::train(long long until) {
  Impl& m = *impl_;
  const TrainingOptions& o = m.opt;
  const long long stop = until < 0 ? o.steps : std::min(until, o.steps);
  const long long first = m.step;
  const auto start = std::chrono::steady_clock::now();
  auto last_print = start;
  m.stopped_by = 0;
  while (m.step < stop) {
    std::vector<long long> idx(static_cast<size_t>(o.batch));
    for (auto& i : idx) {
      i = std::min(o.train_samples - 1, static_cast<long long>(m.rng.uniform() * static_cast<double>(o.train_samples)));
      m.max_index = std::max(m.max_index, i);
    }
    const torch::Tensor b = m.samples(idx);
    m.adam->zero_grad();
    torch::Tensor loss = m.loss_of(b);
    loss.backward();
    m.adam->step();
    ++m.step;
    m.acc_sum += loss.item<double>();
    ++m.acc_count;
    const bool record = m.step % o.validate_every == 0 || m.step == o.steps;
    if (record) {
      m.history.push_back({m.step, m.acc_sum / static_cast<double>(m.acc_count), m.validation_loss()});
      m.acc_sum = 0;
      m.acc_count = 0;
    }
    const bool checkpointed = o.checkpoint_every > 0 && m.step % o.checkpoint_every == 0;
    if (checkpointed) write_checkpoint(o.checkpoint_file);
    if (m.step < stop && (m.stopped_by = stop_requested(m.grid.comm())) != 0) {
      if (!checkpointed && !o.checkpoint_file.empty()) write_checkpoint(o.checkpoint_file);
      break;
    }
    const auto now = std::chrono::steady_clock::now();
    if (std::chrono::duration<double>(now - last_print).count() >= o.progress_seconds || m.step == stop) {
      last_print = now;
      const double el = std::chrono::duration<double>(now - start).count();
      const double rate = static_cast<double>(m.step - first) / std::max(el, 1e-9);
      std::ostringstream msg;
      msg << "dcdm_train: step " << m.step << "/" << o.steps << "  loss " << loss.item<double>() << "  validation "
          << m.history.back().validation << " (step " << m.history.back().step << ")  " << std::setprecision(3)
          << rate << " steps/s  ETA " << log::duration_text(static_cast<double>(o.steps - m.step) / std::max(rate, 1e-12));
      log::info(m.grid.comm(), msg.str());
    }
  }
  return m.step;
}

double DcdmTrainer::validation_loss() const { return impl_->validation_loss(); }

double DcdmTrainer::loss_on(const std::vector<std::vector<double>>& rhs) const {
  const Impl& m = *impl_;
  torch::NoGradGuard guard;
  LAS_CHECK(!rhs.empty(), "loss_on: no right-hand side");
  std::vector<float> v;
  for (const auto& r : rhs) {
    LAS_CHECK(static_cast<long long>(r.size()) == m.basis.local_size, "loss_on: wrong size");
    v.insert(v.end(), r.begin(), r.end());
  }
  std::vector<int64_t> shape = {static_cast<int64_t>(rhs.size()), 1};
  shape.insert(shape.end(), m.field_shape.begin(), m.field_shape.end());
  return m.loss_of(torch::from_blob(v.data(), shape, torch::kFloat32)).item<double>();
}

std::vector<double> DcdmTrainer::apply_operator(const std::vector<double>& x) const {
  const Impl& m = *impl_;
  torch::NoGradGuard guard;
  LAS_CHECK(static_cast<long long>(x.size()) == m.basis.local_size, "apply_operator: wrong size");
  std::vector<float> v(x.begin(), x.end());
  std::vector<int64_t> shape = {1, 1};
  shape.insert(shape.end(), m.field_shape.begin(), m.field_shape.end());
  const torch::Tensor y = m.apply_a(torch::from_blob(v.data(), shape, torch::kFloat32)).contiguous();
  return std::vector<double>(y.data_ptr<float>(), y.data_ptr<float>() + y.numel());
}

long long DcdmTrainer::step() const { return impl_->step; }
int DcdmTrainer::stopped_by() const { return impl_->stopped_by; }
const std::vector<LossRecord>& DcdmTrainer::history() const { return impl_->history; }
long long DcdmTrainer::max_drawn_index() const { return impl_->max_index; }
const RitzBasis& DcdmTrainer::basis() const { return impl_->basis; }

DcdmNetwork DcdmTrainer::network() const {
  DcdmNetwork out(impl_->opt.arch);
  impl_->net->copy_to(out);
  return out;
}

std::vector<float> DcdmTrainer::state_vector() const {
  const Impl& m = *impl_;
  std::vector<float> out;
  auto append = [&](const torch::Tensor& t) {
    const torch::Tensor c = t.detach().contiguous().to(torch::kFloat32);
    out.insert(out.end(), c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
  };
  for (const auto& p : m.params()) {
    append(p);
    if (const auto* st = training::adam_state_of(*m.adam, p)) {
      append(st->exp_avg());
      append(st->exp_avg_sq());
    }
  }
  return out;
}

void DcdmTrainer::write_checkpoint(const std::string& path) const {
  const Impl& m = *impl_;
  io::OutputFile out(m.grid.comm(), path, m.opt.config);
  write_network(out, "network", network());
  learning::StateRecord r;
  r.kind = kCheckpointKind;
  for (const auto& [name, value] : m.fingerprint()) r.integers["setting_" + name] = {value};
  r.reals["learning_rate"] = {m.opt.learning_rate};
  r.reals["low_weight"] = {m.opt.recipe.low_weight};
  r.integers["step"] = {m.step};
  r.integers["max_index"] = {m.max_index};
  r.integers["acc_count"] = {m.acc_count};
  r.reals["acc_sum"] = {m.acc_sum};
  const auto& s = m.rng.state();
  r.words["rng"] = {s.begin(), s.end()};
  training::store_adam_state(*m.adam, m.params(), r);
  io::write_state_record(out, "trainer", m.history_record(r));
  out.commit();
}

void DcdmTrainer::restore(const std::string& checkpoint) {
  Impl& m = *impl_;
  const learning::StateRecord r = io::read_state_record(m.grid.comm(), checkpoint, "trainer");
  auto fail = [&](const std::string& what) { throw InputError(checkpoint + ": " + what); };
  if (r.kind != kCheckpointKind) fail("not a DCDM training checkpoint (kind '" + r.kind + "')");
  auto integer = [&](const std::string& name) {
    const auto it = r.integers.find(name);
    if (it == r.integers.end() || it->second.size() != 1) fail("missing '" + name + "'");
    return it->second[0];
  };
  auto real = [&](const std::string& name) {
    const auto it = r.reals.find(name);
    if (it == r.reals.end() || it->second.size() != 1) fail("missing '" + name + "'");
    return it->second[0];
  };
  for (const auto& [name, value] : m.fingerprint()) {
    // Checkpoints from before network.levels existed were one-level networks.
    const bool predates_levels = name == "levels" && !r.integers.count("setting_levels");
    const auto have = predates_levels ? std::int64_t{1} : integer("setting_" + name);
    if (have != value) fail("written with " + name + " = " + std::to_string(have) + ", this run has " + std::to_string(value));
  }
  if (real("learning_rate") != m.opt.learning_rate) fail("written with another learning_rate");
  if (real("low_weight") != m.opt.recipe.low_weight) fail("written with another low_weight");
  const DcdmNetwork saved = read_network(m.grid.comm(), checkpoint, "network");
  m.net->copy_from(saved);
  m.step = integer("step");
  m.max_index = integer("max_index");
  m.acc_count = integer("acc_count");
  m.acc_sum = real("acc_sum");
  const auto rng = r.words.find("rng");
  if (rng == r.words.end() || rng->second.size() != 4) fail("missing 'rng'");
  m.rng.set_state({rng->second[0], rng->second[1], rng->second[2], rng->second[3]});
  training::restore_adam_state(r, m.params(), *m.adam, fail);
  const auto hs = r.integers.find("history_step");
  const auto ht = r.reals.find("history_train");
  const auto hv = r.reals.find("history_validation");
  if (hs == r.integers.end() || ht == r.reals.end() || hv == r.reals.end() || hs->second.size() != ht->second.size() ||
      hs->second.size() != hv->second.size()) {
    fail("missing or malformed loss history");
  }
  m.history.clear();
  for (size_t q = 0; q < hs->second.size(); ++q) m.history.push_back({hs->second[q], ht->second[q], hv->second[q]});
  log::info(m.grid.comm(), "dcdm_train: resumed at step " + std::to_string(m.step) + " from " + checkpoint);
}

void DcdmTrainer::write_model(const std::string& path) const {
  const Impl& m = *impl_;
  const TrainingOptions& o = m.opt;
  io::OutputFile out(m.grid.comm(), path, o.config);
  write_network(out, "network", network());
  learning::StateRecord r;
  r.kind = kTrainingKind;
  for (const auto& [name, value] : m.fingerprint()) r.integers[name] = {value};
  r.integers["steps"] = {m.step};
  r.integers["lanczos_steps_taken"] = {m.basis.lanczos_steps};
  r.integers["ritz_vectors"] = {m.basis.count()};
  r.integers["weighted_count_resolved"] = {o.recipe.resolved_weighted_count(m.basis.count())};
  r.reals["learning_rate"] = {o.learning_rate};
  r.reals["low_weight"] = {o.recipe.low_weight};
  r.reals["ritz_values"] = m.basis.values;
  io::write_state_record(out, "training", m.history_record(r));
  out.set_attribute("training_operator", m.op.description());
  std::ostringstream recipe;
  recipe << "Lanczos m=" << o.lanczos.steps << " (full reorthogonalisation, seed " << o.lanczos.seed << ", "
         << m.basis.count() << " Ritz vectors >= " << o.lanczos.null_tolerance << "); samples = normalised N(0,1)"
         << " combinations, lowest " << o.recipe.resolved_weighted_count(m.basis.count()) << " x" << o.recipe.low_weight
         << " (seed " << o.recipe.seed << "); " << o.train_samples << " train / " << o.validation_samples
         << " held-out validation; loss |b - s A f(b)|^2, s = f'b/f'Af; Adam lr " << o.learning_rate << ", batch "
         << o.batch << ", " << m.step << " steps";
  out.set_attribute("training_recipe", recipe.str());
  out.commit();
}

}  // namespace las::nn
