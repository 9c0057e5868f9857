// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/anchors/ipopt_anchor.hpp"

#include <IpIpoptApplication.hpp>
#include <IpIpoptCalculatedQuantities.hpp>
#include <IpSolveStatistics.hpp>
#include <IpTNLP.hpp>

#include <chrono>
#include <cmath>

#include "solvers/core/error.hpp"
#include "solvers/opt/sparse_derivatives.hpp"

namespace las::anchors {
namespace {

using Ipopt::Index;
using Ipopt::Number;
using opt::Vector;

Vector to_vector(const Number* x, Index n) { return Vector(x, x + n); }

// min f s.t. c(x) = 0 (g_l = g_u = 0, x free). Derivatives dense from the problem's
// products, or sparse where the problem offers opt::SparseDerivatives (a PDE constraint).
class ProblemTnlp final : public Ipopt::TNLP {
 public:
  explicit ProblemTnlp(const opt::ConstrainedProblem& problem)
      : p_(problem), sparse_(dynamic_cast<const opt::SparseDerivatives*>(&problem)) {
    if (sparse_ != nullptr) {
      const Vector x = p_.initial_point();
      jacobian_pattern_ = sparse_->jacobian_triplets(x);
      hessian_pattern_ =
          sparse_->lagrangian_hessian_triplets(x, 1.0, Vector(static_cast<std::size_t>(p_.constraints()), 0.0));
    }
  }

  bool get_nlp_info(Index& n, Index& m, Index& nnz_jac_g, Index& nnz_h_lag,
                    IndexStyleEnum& index_style) override {
    n = p_.variables();
    m = p_.constraints();
    nnz_jac_g = sparse_ ? static_cast<Index>(jacobian_pattern_.size()) : n * m;
    nnz_h_lag = sparse_ ? static_cast<Index>(hessian_pattern_.size()) : n * (n + 1) / 2;
    index_style = C_STYLE;
    return true;
  }

  bool get_bounds_info(Index n, Number* x_l, Number* x_u, Index m, Number* g_l, Number* g_u) override {
    for (Index i = 0; i < n; ++i) {
      x_l[i] = -2e19;  // beyond IPOPT's nlp_lower/upper_bound_inf (±1e19): no bound
      x_u[i] = 2e19;
    }
    for (Index j = 0; j < m; ++j) g_l[j] = g_u[j] = 0.0;
    return true;
  }

  bool get_starting_point(Index n, bool init_x, Number* x, bool init_z, Number*, Number*, Index m,
                          bool init_lambda, Number* lambda) override {
    if (init_x) {
      const Vector start = p_.initial_point();
      for (Index i = 0; i < n; ++i) x[i] = start[static_cast<std::size_t>(i)];
    }
    if (init_lambda)
      for (Index j = 0; j < m; ++j) lambda[j] = 0.0;
    return !init_z;  // no bounds, so no bound multipliers to give
  }

  bool eval_f(Index n, const Number* x, bool, Number& obj_value) override {
    obj_value = p_.objective(to_vector(x, n));
    return std::isfinite(obj_value);
  }

  bool eval_grad_f(Index n, const Number* x, bool, Number* grad_f) override {
    Vector g;
    p_.objective_gradient(to_vector(x, n), g);
    std::copy(g.begin(), g.end(), grad_f);
    return opt::all_finite(g);
  }

  bool eval_g(Index n, const Number* x, bool, Index, Number* g) override {
    Vector c;
    p_.constraint_values(to_vector(x, n), c);
    std::copy(c.begin(), c.end(), g);
    return opt::all_finite(c);
  }

  bool eval_jac_g(Index n, const Number* x, bool, Index m, Index, Index* i_row, Index* j_col,
                  Number* values) override {
    if (sparse_ != nullptr)  // x is null when IPOPT asks for the structure
      return sparse_values(jacobian_pattern_,
                           values == nullptr ? jacobian_pattern_ : sparse_->jacobian_triplets(to_vector(x, n)),
                           i_row, j_col, values);
    if (values == nullptr) {
      for (Index j = 0; j < m; ++j)
        for (Index i = 0; i < n; ++i) {
          i_row[j * n + i] = j;
          j_col[j * n + i] = i;
        }
      return true;
    }
    const opt::DenseMatrix jac = opt::jacobian_matrix(p_, to_vector(x, n));
    std::copy(jac.values.begin(), jac.values.end(), values);
    return opt::all_finite(jac.values);
  }

  // IPOPT's Lagrangian is σf + λᵀc. The problem's product is ∇²(f + μᵀc) v, so
  // σ ∇²(f + (λ/σ)ᵀc) for σ ≠ 0 and ∇²(f + λᵀc) - ∇²f for σ = 0.
  bool eval_h(Index n, const Number* x, bool, Number obj_factor, Index m, const Number* lambda, bool,
              Index, Index* i_row, Index* j_col, Number* values) override {
    if (sparse_ != nullptr)
      return sparse_values(hessian_pattern_,
                           values == nullptr ? hessian_pattern_
                                             : sparse_->lagrangian_hessian_triplets(to_vector(x, n), obj_factor,
                                                                                    to_vector(lambda, m)),
                           i_row, j_col, values);
    if (values == nullptr) {
      Index k = 0;
      for (Index r = 0; r < n; ++r)
        for (Index c = 0; c <= r; ++c, ++k) {
          i_row[k] = r;
          j_col[k] = c;
        }
      return true;
    }
    const Vector xv = to_vector(x, n);
    opt::DenseMatrix h;
    if (obj_factor != 0.0) {
      Vector scaled(static_cast<std::size_t>(m));
      for (Index j = 0; j < m; ++j) scaled[static_cast<std::size_t>(j)] = lambda[j] / obj_factor;
      h = opt::lagrangian_hessian_matrix(p_, xv, scaled);
      for (double& v : h.values) v *= obj_factor;
    } else {
      h = opt::lagrangian_hessian_matrix(p_, xv, to_vector(lambda, m));
      const opt::DenseMatrix hf = opt::lagrangian_hessian_matrix(p_, xv, Vector(static_cast<std::size_t>(m), 0.0));
      for (std::size_t k = 0; k < h.values.size(); ++k) h.values[k] -= hf.values[k];
    }
    Index k = 0;
    for (Index r = 0; r < n; ++r)
      for (Index c = 0; c <= r; ++c, ++k) values[k] = h(r, c);
    return opt::all_finite(h.values);
  }

  void finalize_solution(Ipopt::SolverReturn, Index n, const Number* x, const Number*, const Number*,
                         Index m, const Number*, const Number* lambda, Number obj_value,
                         const Ipopt::IpoptData*, Ipopt::IpoptCalculatedQuantities*) override {
    x_ = to_vector(x, n);
    lambda_ = to_vector(lambda, m);
    objective_ = obj_value;
  }

  // With no bounds, IPOPT's unscaled dual infeasibility is ∇f + Jᵀy and its constraint
  // violation c: their 2-norms give ‖(∇ₓL, c)‖ at each iterate.
  bool intermediate_callback(Ipopt::AlgorithmMode mode, Index, Number, Number, Number, Number, Number,
                             Number, Number, Number, Index, const Ipopt::IpoptData*,
                             Ipopt::IpoptCalculatedQuantities* ip_cq) override {
    if (mode == Ipopt::RegularMode && ip_cq != nullptr) {
      const double dual = ip_cq->unscaled_curr_dual_infeasibility(Ipopt::NORM_2);
      const double primal = ip_cq->unscaled_curr_nlp_constraint_violation(Ipopt::NORM_2);
      kkt_history_.push_back(std::sqrt(dual * dual + primal * primal));
    }
    return true;
  }

  Vector x_, lambda_;
  double objective_ = NAN;
  std::vector<double> kkt_history_;

 private:
  // The structure (values == nullptr) from the pattern taken at the start, else the values
  // of `current`, whose pattern SparseDerivatives promises to be the same.
  static bool sparse_values(const opt::SparseTriplets& pattern, const opt::SparseTriplets& current, Index* i_row,
                            Index* j_col, Number* values) {
    if (values == nullptr) {
      std::copy(pattern.rows.begin(), pattern.rows.end(), i_row);
      std::copy(pattern.cols.begin(), pattern.cols.end(), j_col);
      return true;
    }
    if (current.size() != pattern.size()) return false;  // a broken promise: IPOPT reports an evaluation error
    std::copy(current.values.begin(), current.values.end(), values);
    return opt::all_finite(current.values);
  }

  const opt::ConstrainedProblem& p_;
  const opt::SparseDerivatives* sparse_;
  opt::SparseTriplets jacobian_pattern_, hessian_pattern_;
};

std::string status_name(Ipopt::ApplicationReturnStatus status) {
  switch (status) {
    case Ipopt::Solve_Succeeded: return "solve succeeded";
    case Ipopt::Solved_To_Acceptable_Level: return "solved to acceptable level";
    case Ipopt::Infeasible_Problem_Detected: return "infeasible problem detected";
    case Ipopt::Search_Direction_Becomes_Too_Small: return "search direction too small";
    case Ipopt::Diverging_Iterates: return "diverging iterates";
    case Ipopt::Maximum_Iterations_Exceeded: return "maximum iterations exceeded";
    case Ipopt::Restoration_Failed: return "restoration failed";
    case Ipopt::Error_In_Step_Computation: return "error in step computation";
    case Ipopt::Invalid_Number_Detected: return "invalid number detected";
    default: return "IPOPT status " + std::to_string(static_cast<int>(status));
  }
}

}  // namespace

IpoptAnchorResult solve_with_ipopt(const opt::ConstrainedProblem& problem,
                                   const IpoptAnchorOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  Ipopt::SmartPtr<ProblemTnlp> tnlp = new ProblemTnlp(problem);
  Ipopt::SmartPtr<Ipopt::IpoptApplication> app = IpoptApplicationFactory();
  app->Options()->SetNumericValue("tol", options.tolerance);
  app->Options()->SetIntegerValue("max_iter", options.max_iterations);
  app->Options()->SetIntegerValue("print_level", options.print_level);
  app->Options()->SetStringValue("sb", "yes");  // no banner
  const auto* sparse = dynamic_cast<const opt::SparseDerivatives*>(&problem);
  if (sparse != nullptr && sparse->quadratic_program()) {
    // A QP with linear constraints: IPOPT evaluates J and the Hessian once.
    app->Options()->SetStringValue("jac_c_constant", "yes");
    app->Options()->SetStringValue("hessian_constant", "yes");
  }
  const Ipopt::ApplicationReturnStatus init = app->Initialize();
  LAS_CHECK(init == Ipopt::Solve_Succeeded, "IPOPT failed to initialise: " << status_name(init));
  const Ipopt::ApplicationReturnStatus status = app->OptimizeTNLP(Ipopt::SmartPtr<Ipopt::TNLP>(GetRawPtr(tnlp)));

  IpoptAnchorResult result;
  result.status = status_name(status);
  result.success = status == Ipopt::Solve_Succeeded || status == Ipopt::Solved_To_Acceptable_Level;
  if (Ipopt::IsValid(app->Statistics())) result.iterations = app->Statistics()->IterationCount();
  result.x = tnlp->x_;
  result.lambda = tnlp->lambda_;
  result.objective = tnlp->objective_;
  result.kkt_history = tnlp->kkt_history_;
  if (result.x.size() == static_cast<std::size_t>(problem.variables())) {
    Vector c;
    problem.constraint_values(result.x, c);
    const Vector grad_l = opt::lagrangian_gradient(problem, result.x, result.lambda);
    result.kkt_residual = std::sqrt(opt::dot(grad_l, grad_l) + opt::dot(c, c));
  } else {
    result.kkt_residual = NAN;
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace las::anchors
