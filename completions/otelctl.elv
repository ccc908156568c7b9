
use builtin;
use str;

set edit:completion:arg-completer[otelctl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'otelctl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'otelctl'= {
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --profile 'AWS shared-config profile [env: AWS_PROFILE]'
            cand --cluster 'EKS cluster name [env: OTELCTL_CLUSTER]'
            cand --kubeconfig 'Kubeconfig file to read and write [env: KUBECONFIG]'
            cand --context 'Kubeconfig context to use instead of the current one'
            cand --config 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand -v 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand --verbose 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand -q 'Only results and errors: no progress, no notes'
            cand --quiet 'Only results and errors: no progress, no notes'
            cand --no-color 'Never colour the output [env: NO_COLOR]'
            cand --yes 'Answer yes to every confirmation prompt'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand whoami 'Show the AWS identity and region otelctl will act as (STS GetCallerIdentity)'
            cand kubeconfig 'Manage kubeconfig entries for EKS clusters'
            cand iam 'IAM for IRSA: the cluster''s OIDC provider and the ALB controller''s role'
            cand ecr 'ECR: the image repository and the registry password'
            cand image 'Build the otelctl image without Docker, and push images to ECR without `docker login`'
            cand infra 'Run Terraform on terraform/ with otelctl''s settings, catching state drift first'
            cand token 'Print an EKS bearer token as ExecCredential JSON (the kubeconfig exec plugin)'
            cand bootstrap 'Run the whole runbook as one idempotent, resumable plan, and prove traces arrive'
            cand helm 'Install the runbook''s Helm releases: the app, Jaeger, the collector, the ALB controller'
            cand doctor 'Diagnose the cluster and the tracing pipeline: every runbook check, concurrently'
            cand port-forward 'Forward a local port to Jaeger, the app or the collector, with no kubectl'
            cand serve 'Run the traced demo service (the seed''s Flask app, built in)'
            cand demo 'Run the whole tracing pipeline on this machine: load → service → OTLP → receiver'
            cand loadgen 'Send traced HTTP load and report latency, with the trace ids of the slowest requests'
            cand traces 'Receive OTLP traces and serve them through a Jaeger-compatible query API'
            cand completions 'Print a shell completion script to stdout'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'otelctl;whoami'= {
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --profile 'AWS shared-config profile [env: AWS_PROFILE]'
            cand --cluster 'EKS cluster name [env: OTELCTL_CLUSTER]'
            cand --kubeconfig 'Kubeconfig file to read and write [env: KUBECONFIG]'
            cand --context 'Kubeconfig context to use instead of the current one'
            cand --config 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand -v 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand --verbose 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand -q 'Only results and errors: no progress, no notes'
            cand --quiet 'Only results and errors: no progress, no notes'
            cand --no-color 'Never colour the output [env: NO_COLOR]'
            cand --yes 'Answer yes to every confirmation prompt'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'otelctl;kubeconfig'= {
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --profile 'AWS shared-config profile [env: AWS_PROFILE]'
            cand --cluster 'EKS cluster name [env: OTELCTL_CLUSTER]'
            cand --kubeconfig 'Kubeconfig file to read and write [env: KUBECONFIG]'
            cand --context 'Kubeconfig context to use instead of the current one'
            cand --config 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand -v 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand --verbose 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand -q 'Only results and errors: no progress, no notes'
            cand --quiet 'Only results and errors: no progress, no notes'
            cand --no-color 'Never colour the output [env: NO_COLOR]'
            cand --yes 'Answer yes to every confirmation prompt'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand update 'Write cluster, user and context entries for an EKS cluster, like `aws eks update-kubeconfig`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'otelctl;kubeconfig;update'= {
            cand --alias 'Context name to write (default: the cluster ARN)'
            cand --user-alias 'User entry name to write (default: the cluster ARN)'
            cand --role-arn 'IAM role the token plugin assumes before signing'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --profile 'AWS shared-config profile [env: AWS_PROFILE]'
            cand --cluster 'EKS cluster name [env: OTELCTL_CLUSTER]'
            cand --kubeconfig 'Kubeconfig file to read and write [env: KUBECONFIG]'
            cand --context 'Kubeconfig context to use instead of the current one'
            cand --config 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --dry-run 'Print the merged kubeconfig instead of writing it'
            cand -v 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand --verbose 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand -q 'Only results and errors: no progress, no notes'
            cand --quiet 'Only results and errors: no progress, no notes'
            cand --no-color 'Never colour the output [env: NO_COLOR]'
            cand --yes 'Answer yes to every confirmation prompt'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'otelctl;kubeconfig;help'= {
            cand update 'Write cluster, user and context entries for an EKS cluster, like `aws eks update-kubeconfig`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'otelctl;kubeconfig;help;update'= {
        }
        &'otelctl;kubeconfig;help;help'= {
        }
        &'otelctl;iam'= {
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --profile 'AWS shared-config profile [env: AWS_PROFILE]'
            cand --cluster 'EKS cluster name [env: OTELCTL_CLUSTER]'
            cand --kubeconfig 'Kubeconfig file to read and write [env: KUBECONFIG]'
            cand --context 'Kubeconfig context to use instead of the current one'
            cand --config 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand -v 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand --verbose 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand -q 'Only results and errors: no progress, no notes'
            cand --quiet 'Only results and errors: no progress, no notes'
            cand --no-color 'Never colour the output [env: NO_COLOR]'
            cand --yes 'Answer yes to every confirmation prompt'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand oidc 'Check the IAM OIDC provider for the cluster''s issuer; --create associates it'
            cand alb-role 'Check the AWS Load Balancer Controller''s IRSA role and policy; --create fixes them'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'otelctl;iam;oidc'= {
            cand --thumbprint 'SHA-1 thumbprint of the issuer''s root CA, when it cannot be fetched from here'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --profile 'AWS shared-config profile [env: AWS_PROFILE]'
            cand --cluster 'EKS cluster name [env: OTELCTL_CLUSTER]'
            cand --kubeconfig 'Kubeconfig file to read and write [env: KUBECONFIG]'
            cand --context 'Kubeconfig context to use instead of the current one'
            cand --config 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --create 'Create the provider (or add the sts.amazonaws.com client id) when missing'
            cand --dry-run 'Print the IAM calls --create would make, and make none'
            cand -v 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand --verbose 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand -q 'Only results and errors: no progress, no notes'
            cand --quiet 'Only results and errors: no progress, no notes'
            cand --no-color 'Never colour the output [env: NO_COLOR]'
            cand --yes 'Answer yes to every confirmation prompt'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'otelctl;iam;alb-role'= {
            cand --role-name 'Name of the controller''s IAM role'
            cand --policy-name 'Name of the controller''s managed policy'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --profile 'AWS shared-config profile [env: AWS_PROFILE]'
            cand --cluster 'EKS cluster name [env: OTELCTL_CLUSTER]'
            cand --kubeconfig 'Kubeconfig file to read and write [env: KUBECONFIG]'
            cand --context 'Kubeconfig context to use instead of the current one'
            cand --config 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --create 'Create or fix whatever is missing: policy, role, trust statement, attachment'
            cand --dry-run 'Print the IAM calls and policy documents --create would use, and make none'
            cand -v 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand --verbose 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand -q 'Only results and errors: no progress, no notes'
            cand --quiet 'Only results and errors: no progress, no notes'
            cand --no-color 'Never colour the output [env: NO_COLOR]'
            cand --yes 'Answer yes to every confirmation prompt'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'otelctl;iam;help'= {
            cand oidc 'Check the IAM OIDC provider for the cluster''s issuer; --create associates it'
            cand alb-role 'Check the AWS Load Balancer Controller''s IRSA role and policy; --create fixes them'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'otelctl;iam;help;oidc'= {
        }
        &'otelctl;iam;help;alb-role'= {
        }
        &'otelctl;iam;help;help'= {
        }
        &'otelctl;ecr'= {
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --profile 'AWS shared-config profile [env: AWS_PROFILE]'
            cand --cluster 'EKS cluster name [env: OTELCTL_CLUSTER]'
            cand --kubeconfig 'Kubeconfig file to read and write [env: KUBECONFIG]'
            cand --context 'Kubeconfig context to use instead of the current one'
            cand --config 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand -v 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand --verbose 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand -q 'Only results and errors: no progress, no notes'
            cand --quiet 'Only results and errors: no progress, no notes'
            cand --no-color 'Never colour the output [env: NO_COLOR]'
            cand --yes 'Answer yes to every confirmation prompt'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand ensure 'Create the ECR repository if it is missing, and print its URI'
            cand login 'Print the registry password to stdout, for `docker login --password-stdin`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'otelctl;ecr;ensure'= {
            cand --repository 'Repository name (default: `repository` in otelctl.toml, else otel-demo)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --profile 'AWS shared-config profile [env: AWS_PROFILE]'
            cand --cluster 'EKS cluster name [env: OTELCTL_CLUSTER]'
            cand --kubeconfig 'Kubeconfig file to read and write [env: KUBECONFIG]'
            cand --context 'Kubeconfig context to use instead of the current one'
            cand --config 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --scan-on-push 'Scan images on push (for a new repository)'
            cand --immutable-tags 'Make tags immutable (for a new repository)'
            cand --dry-run 'Print the call that would create the repository, and make none'
            cand -v 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand --verbose 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand -q 'Only results and errors: no progress, no notes'
            cand --quiet 'Only results and errors: no progress, no notes'
            cand --no-color 'Never colour the output [env: NO_COLOR]'
            cand --yes 'Answer yes to every confirmation prompt'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'otelctl;ecr;login'= {
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --profile 'AWS shared-config profile [env: AWS_PROFILE]'
            cand --cluster 'EKS cluster name [env: OTELCTL_CLUSTER]'
            cand --kubeconfig 'Kubeconfig file to read and write [env: KUBECONFIG]'
            cand --context 'Kubeconfig context to use instead of the current one'
            cand --config 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand -v 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand --verbose 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand -q 'Only results and errors: no progress, no notes'
            cand --quiet 'Only results and errors: no progress, no notes'
            cand --no-color 'Never colour the output [env: NO_COLOR]'
            cand --yes 'Answer yes to every confirmation prompt'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'otelctl;ecr;help'= {
            cand ensure 'Create the ECR repository if it is missing, and print its URI'
            cand login 'Print the registry password to stdout, for `docker login --password-stdin`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'otelctl;ecr;help;ensure'= {
        }
        &'otelctl;ecr;help;login'= {
        }
        &'otelctl;ecr;help;help'= {
        }
        &'otelctl;image'= {
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --profile 'AWS shared-config profile [env: AWS_PROFILE]'
            cand --cluster 'EKS cluster name [env: OTELCTL_CLUSTER]'
            cand --kubeconfig 'Kubeconfig file to read and write [env: KUBECONFIG]'
            cand --context 'Kubeconfig context to use instead of the current one'
            cand --config 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand -v 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand --verbose 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand -q 'Only results and errors: no progress, no notes'
            cand --quiet 'Only results and errors: no progress, no notes'
            cand --no-color 'Never colour the output [env: NO_COLOR]'
            cand --yes 'Answer yes to every confirmation prompt'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand build 'Build an OCI image whose entrypoint is otelctl (`otelctl serve`), with no Docker'
            cand push 'Push an image to ECR (or another registry), creating the repository if needed'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'otelctl;image;build'= {
            cand --layout 'Directory to write the OCI image layout to'
            cand --binary 'Static Linux otelctl binary to put in the image (repeat for several platforms) [default: this otelctl, when it is a static Linux build]'
            cand --base 'Base image: `scratch` (nothing under the binary), or `oci:DIR`, a local OCI layout (e.g. from `skopeo copy docker://gcr.io/distroless/static:nonroot oci:DIR`)'
            cand --platform 'Platforms to build, comma-separated [default: the binary''s]'
            cand --entrypoint-args 'Arguments the image passes to otelctl (its Cmd), split on spaces'
            cand --dockerfile 'Build this Dockerfile with `docker build` instead (needs Docker)'
            cand --tag 'Image name and tag for --dockerfile, e.g. flask-hello:dev'
            cand --context 'Build context for --dockerfile [default: the Dockerfile''s directory]'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --profile 'AWS shared-config profile [env: AWS_PROFILE]'
            cand --cluster 'EKS cluster name [env: OTELCTL_CLUSTER]'
            cand --kubeconfig 'Kubeconfig file to read and write [env: KUBECONFIG]'
            cand --config 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand -v 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand --verbose 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand -q 'Only results and errors: no progress, no notes'
            cand --quiet 'Only results and errors: no progress, no notes'
            cand --no-color 'Never colour the output [env: NO_COLOR]'
            cand --yes 'Answer yes to every confirmation prompt'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'otelctl;image;push'= {
            cand --repository 'Repository to push to (default: `repository` in otelctl.toml, else otel-demo)'
            cand --tag 'Tag to push, e.g. v1 or latest'
            cand --from 'OCI image layout to push (what `otelctl image build --layout` writes)'
            cand --docker-image 'An image in the local Docker engine, read with `docker save` (no `docker login`)'
            cand --registry 'Registry to push to instead of the account''s ECR, e.g. 127.0.0.1:5000'
            cand --username 'Username for --registry, instead of ECR''s (the password is read from stdin)'
            cand --jobs 'Blobs uploaded at the same time'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --profile 'AWS shared-config profile [env: AWS_PROFILE]'
            cand --cluster 'EKS cluster name [env: OTELCTL_CLUSTER]'
            cand --kubeconfig 'Kubeconfig file to read and write [env: KUBECONFIG]'
            cand --context 'Kubeconfig context to use instead of the current one'
            cand --config 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --plain-http 'Speak plain HTTP to the registry (loopback hosts only)'
            cand --password-stdin 'Read the --username password from stdin'
            cand --dry-run 'Verify the image and print what would be pushed where; contact no registry'
            cand -v 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand --verbose 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand -q 'Only results and errors: no progress, no notes'
            cand --quiet 'Only results and errors: no progress, no notes'
            cand --no-color 'Never colour the output [env: NO_COLOR]'
            cand --yes 'Answer yes to every confirmation prompt'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'otelctl;image;help'= {
            cand build 'Build an OCI image whose entrypoint is otelctl (`otelctl serve`), with no Docker'
            cand push 'Push an image to ECR (or another registry), creating the repository if needed'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'otelctl;image;help;build'= {
        }
        &'otelctl;image;help;push'= {
        }
        &'otelctl;image;help;help'= {
        }
        &'otelctl;infra'= {
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --profile 'AWS shared-config profile [env: AWS_PROFILE]'
            cand --cluster 'EKS cluster name [env: OTELCTL_CLUSTER]'
            cand --kubeconfig 'Kubeconfig file to read and write [env: KUBECONFIG]'
            cand --context 'Kubeconfig context to use instead of the current one'
            cand --config 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand -v 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand --verbose 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand -q 'Only results and errors: no progress, no notes'
            cand --quiet 'Only results and errors: no progress, no notes'
            cand --no-color 'Never colour the output [env: NO_COLOR]'
            cand --yes 'Answer yes to every confirmation prompt'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'terraform init'
            cand plan 'terraform plan, with the cluster, region and repository from otelctl''s settings'
            cand apply 'terraform apply, refused while AWS has resources the state lacks (the 409 loop)'
            cand import 'terraform import for every resource AWS has and the state lacks'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'otelctl;infra;init'= {
            cand --dir 'The Terraform root module'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --profile 'AWS shared-config profile [env: AWS_PROFILE]'
            cand --cluster 'EKS cluster name [env: OTELCTL_CLUSTER]'
            cand --kubeconfig 'Kubeconfig file to read and write [env: KUBECONFIG]'
            cand --context 'Kubeconfig context to use instead of the current one'
            cand --config 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --dry-run 'Print the terraform commands instead of running them'
            cand -v 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand --verbose 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand -q 'Only results and errors: no progress, no notes'
            cand --quiet 'Only results and errors: no progress, no notes'
            cand --no-color 'Never colour the output [env: NO_COLOR]'
            cand --yes 'Answer yes to every confirmation prompt'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'otelctl;infra;plan'= {
            cand --dir 'The Terraform root module'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --profile 'AWS shared-config profile [env: AWS_PROFILE]'
            cand --cluster 'EKS cluster name [env: OTELCTL_CLUSTER]'
            cand --kubeconfig 'Kubeconfig file to read and write [env: KUBECONFIG]'
            cand --context 'Kubeconfig context to use instead of the current one'
            cand --config 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --dry-run 'Print the terraform commands instead of running them'
            cand -v 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand --verbose 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand -q 'Only results and errors: no progress, no notes'
            cand --quiet 'Only results and errors: no progress, no notes'
            cand --no-color 'Never colour the output [env: NO_COLOR]'
            cand --yes 'Answer yes to every confirmation prompt'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'otelctl;infra;apply'= {
            cand --dir 'The Terraform root module'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --profile 'AWS shared-config profile [env: AWS_PROFILE]'
            cand --cluster 'EKS cluster name [env: OTELCTL_CLUSTER]'
            cand --kubeconfig 'Kubeconfig file to read and write [env: KUBECONFIG]'
            cand --context 'Kubeconfig context to use instead of the current one'
            cand --config 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --dry-run 'Print the terraform commands instead of running them'
            cand --auto-import 'Import what AWS has and the state lacks, then apply'
            cand -v 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand --verbose 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand -q 'Only results and errors: no progress, no notes'
            cand --quiet 'Only results and errors: no progress, no notes'
            cand --no-color 'Never colour the output [env: NO_COLOR]'
            cand --yes 'Answer yes to every confirmation prompt'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'otelctl;infra;import'= {
            cand --dir 'The Terraform root module'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --profile 'AWS shared-config profile [env: AWS_PROFILE]'
            cand --cluster 'EKS cluster name [env: OTELCTL_CLUSTER]'
            cand --kubeconfig 'Kubeconfig file to read and write [env: KUBECONFIG]'
            cand --context 'Kubeconfig context to use instead of the current one'
            cand --config 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --dry-run 'Print the terraform commands instead of running them'
            cand -v 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand --verbose 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand -q 'Only results and errors: no progress, no notes'
            cand --quiet 'Only results and errors: no progress, no notes'
            cand --no-color 'Never colour the output [env: NO_COLOR]'
            cand --yes 'Answer yes to every confirmation prompt'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'otelctl;infra;help'= {
            cand init 'terraform init'
            cand plan 'terraform plan, with the cluster, region and repository from otelctl''s settings'
            cand apply 'terraform apply, refused while AWS has resources the state lacks (the 409 loop)'
            cand import 'terraform import for every resource AWS has and the state lacks'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'otelctl;infra;help;init'= {
        }
        &'otelctl;infra;help;plan'= {
        }
        &'otelctl;infra;help;apply'= {
        }
        &'otelctl;infra;help;import'= {
        }
        &'otelctl;infra;help;help'= {
        }
        &'otelctl;token'= {
            cand --role-arn 'IAM role to assume before signing'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --profile 'AWS shared-config profile [env: AWS_PROFILE]'
            cand --cluster 'EKS cluster name [env: OTELCTL_CLUSTER]'
            cand --kubeconfig 'Kubeconfig file to read and write [env: KUBECONFIG]'
            cand --context 'Kubeconfig context to use instead of the current one'
            cand --config 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand -v 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand --verbose 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand -q 'Only results and errors: no progress, no notes'
            cand --quiet 'Only results and errors: no progress, no notes'
            cand --no-color 'Never colour the output [env: NO_COLOR]'
            cand --yes 'Answer yes to every confirmation prompt'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'otelctl;bootstrap'= {
            cand --only 'Run only these steps (repeat or comma-separate)'
            cand --skip 'Leave out these steps (repeat or comma-separate)'
            cand --terraform 'Create the infrastructure with Terraform from this root module first'
            cand --binary 'The static Linux otelctl to put in the image [default: this one, when it is]'
            cand --image-tag 'The image tag [default: this otelctl''s version]'
            cand --registry 'Push to this registry instead of the account''s ECR (with ECR''s password)'
            cand --thumbprint 'The issuer''s CA thumbprint, when its TLS chain cannot be read from here'
            cand --alb-role-name 'The ALB controller''s IAM role'
            cand --timeout 'How long helm and the rollout wait may take, each'
            cand --verify-timeout 'How long to wait for the verification traces to appear in Jaeger'
            cand --requests 'How many traced requests the verification sends'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --profile 'AWS shared-config profile [env: AWS_PROFILE]'
            cand --cluster 'EKS cluster name [env: OTELCTL_CLUSTER]'
            cand --kubeconfig 'Kubeconfig file to read and write [env: KUBECONFIG]'
            cand --context 'Kubeconfig context to use instead of the current one'
            cand --config 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --dry-run 'Print the plan and what each step would change; change nothing'
            cand --plain-http 'Plain http to a loopback --registry'
            cand --reverify 'Measure the verification again even when Jaeger holds one from the last hour'
            cand -v 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand --verbose 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand -q 'Only results and errors: no progress, no notes'
            cand --quiet 'Only results and errors: no progress, no notes'
            cand --no-color 'Never colour the output [env: NO_COLOR]'
            cand --yes 'Answer yes to every confirmation prompt'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'otelctl;helm'= {
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --profile 'AWS shared-config profile [env: AWS_PROFILE]'
            cand --cluster 'EKS cluster name [env: OTELCTL_CLUSTER]'
            cand --kubeconfig 'Kubeconfig file to read and write [env: KUBECONFIG]'
            cand --context 'Kubeconfig context to use instead of the current one'
            cand --config 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand -v 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand --verbose 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand -q 'Only results and errors: no progress, no notes'
            cand --quiet 'Only results and errors: no progress, no notes'
            cand --no-color 'Never colour the output [env: NO_COLOR]'
            cand --yes 'Answer yes to every confirmation prompt'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand install '`helm upgrade --install` a release with its pinned chart and embedded values'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'otelctl;helm;install'= {
            cand --set 'Set a chart value (helm''s --set syntax); repeatable; one target only'
            cand -f 'A values file layered over the embedded one; repeatable; one target only'
            cand --values 'A values file layered over the embedded one; repeatable; one target only'
            cand --version 'Chart version instead of the pinned one; one target only'
            cand --image-tag 'The app image''s tag in the ECR repository [default: this otelctl''s version]'
            cand --timeout 'How long helm waits for each release to be ready'
            cand --alb-role-name 'The ALB controller''s IAM role, as `otelctl iam alb-role` names it'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --profile 'AWS shared-config profile [env: AWS_PROFILE]'
            cand --cluster 'EKS cluster name [env: OTELCTL_CLUSTER]'
            cand --kubeconfig 'Kubeconfig file to read and write [env: KUBECONFIG]'
            cand --context 'Kubeconfig context to use instead of the current one'
            cand --config 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --dry-run 'Print the helm commands instead of running them'
            cand -v 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand --verbose 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand -q 'Only results and errors: no progress, no notes'
            cand --quiet 'Only results and errors: no progress, no notes'
            cand --no-color 'Never colour the output [env: NO_COLOR]'
            cand --yes 'Answer yes to every confirmation prompt'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'otelctl;helm;help'= {
            cand install '`helm upgrade --install` a release with its pinned chart and embedded values'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'otelctl;helm;help;install'= {
        }
        &'otelctl;helm;help;help'= {
        }
        &'otelctl;doctor'= {
            cand --only 'Run only these checks: ids or prefixes (`cni.`, `kube`); repeat or comma-separate'
            cand --skip 'Leave out these checks: ids or prefixes; repeat or comma-separate'
            cand --timeout 'Give each check at most this long'
            cand --pods-namespace 'Namespaces whose pods kube.pods inspects [default: the app, collector and Jaeger namespaces, and kube-system]'
            cand --terraform-dir 'Terraform root module for terraform.state [default: ./terraform when it exists]'
            cand --alb-role-name 'The ALB controller''s IAM role, as `otelctl iam alb-role` names it'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --profile 'AWS shared-config profile [env: AWS_PROFILE]'
            cand --cluster 'EKS cluster name [env: OTELCTL_CLUSTER]'
            cand --kubeconfig 'Kubeconfig file to read and write [env: KUBECONFIG]'
            cand --context 'Kubeconfig context to use instead of the current one'
            cand --config 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --strict 'Count warnings as failures (exit 1)'
            cand --list 'List the checks (id, needs, title) and exit'
            cand -v 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand --verbose 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand -q 'Only results and errors: no progress, no notes'
            cand --quiet 'Only results and errors: no progress, no notes'
            cand --no-color 'Never colour the output [env: NO_COLOR]'
            cand --yes 'Answer yes to every confirmation prompt'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'otelctl;port-forward'= {
            cand --local-port 'Local port [default: the service''s port]'
            cand --address 'Local address to listen on'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --profile 'AWS shared-config profile [env: AWS_PROFILE]'
            cand --cluster 'EKS cluster name [env: OTELCTL_CLUSTER]'
            cand --kubeconfig 'Kubeconfig file to read and write [env: KUBECONFIG]'
            cand --context 'Kubeconfig context to use instead of the current one'
            cand --config 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand -v 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand --verbose 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand -q 'Only results and errors: no progress, no notes'
            cand --quiet 'Only results and errors: no progress, no notes'
            cand --no-color 'Never colour the output [env: NO_COLOR]'
            cand --yes 'Answer yes to every confirmation prompt'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'otelctl;serve'= {
            cand --listen 'Address to listen on'
            cand --otlp-endpoint 'OTLP endpoint, overriding OTEL_EXPORTER_OTLP_ENDPOINT (port 4317 means gRPC)'
            cand --grace 'How long in-flight requests may take to finish after SIGTERM or Ctrl-C'
            cand --drain-delay 'After SIGTERM, keep serving (with /readyz failing) this long before closing the listener, so load balancers stop sending requests first'
            cand --header-timeout 'Longest time a client may take to send its request headers (answered with 408)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --profile 'AWS shared-config profile [env: AWS_PROFILE]'
            cand --cluster 'EKS cluster name [env: OTELCTL_CLUSTER]'
            cand --kubeconfig 'Kubeconfig file to read and write [env: KUBECONFIG]'
            cand --context 'Kubeconfig context to use instead of the current one'
            cand --config 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand -v 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand --verbose 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand -q 'Only results and errors: no progress, no notes'
            cand --quiet 'Only results and errors: no progress, no notes'
            cand --no-color 'Never colour the output [env: NO_COLOR]'
            cand --yes 'Answer yes to every confirmation prompt'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'otelctl;demo'= {
            cand --duration 'How long to send traffic'
            cand --rate 'Requests per second across all connections'
            cand -c 'Concurrent connections'
            cand --concurrency 'Concurrent connections'
            cand --listen 'Demo service address (a free port is used when it is taken)'
            cand --grpc 'OTLP/gRPC listen address'
            cand --http 'OTLP/HTTP listen address (protobuf and JSON on /v1/traces)'
            cand --ui 'Trace viewer and query API listen address'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --profile 'AWS shared-config profile [env: AWS_PROFILE]'
            cand --cluster 'EKS cluster name [env: OTELCTL_CLUSTER]'
            cand --kubeconfig 'Kubeconfig file to read and write [env: KUBECONFIG]'
            cand --context 'Kubeconfig context to use instead of the current one'
            cand --config 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --keep-running 'Keep the service and the receiver running after the summary, until Ctrl-C'
            cand -v 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand --verbose 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand -q 'Only results and errors: no progress, no notes'
            cand --quiet 'Only results and errors: no progress, no notes'
            cand --no-color 'Never colour the output [env: NO_COLOR]'
            cand --yes 'Answer yes to every confirmation prompt'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'otelctl;loadgen'= {
            cand -c 'Concurrent connections'
            cand --concurrency 'Concurrent connections'
            cand -r 'Total requests per second (open model); without it, as fast as responses come'
            cand --rate 'Total requests per second (open model); without it, as fast as responses come'
            cand -n 'Send exactly this many requests'
            cand --requests 'Send exactly this many requests'
            cand -z 'Send for this long'
            cand --duration 'Send for this long'
            cand --method 'HTTP method'
            cand -H 'A request header, `Name: value` (repeatable)'
            cand --header 'A request header, `Name: value` (repeatable)'
            cand --body 'Request body'
            cand --body-file 'Request body, read from a file'
            cand --timeout 'Per-request timeout'
            cand --warmup 'Send requests for this long first, without counting them'
            cand --sample-rate 'Fraction of requests whose traceparent is marked sampled'
            cand --otlp-endpoint 'Export a client span per request over OTLP to this endpoint'
            cand --jaeger-url 'Jaeger (or otelctl traces) UI base URL, to print links to the slowest and failed traces'
            cand --fail-on 'Exit 1 when a threshold is crossed, e.g. ''p99>250ms,error_rate>1%'''
            cand --workers 'How many worker pods send the load'
            cand --namespace 'Namespace of the Job [default: the app namespace]'
            cand --image 'Worker image [default: the ECR repository''s URI, tagged with this otelctl''s version]'
            cand --job-timeout 'Give up on the workers after this long [default: the run''s duration + 10m]'
            cand --worker 'Worker mode (what the Job''s pods run): this process sends share INDEX of N of -n and --rate, and its JSON report carries its statistics for merging'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --profile 'AWS shared-config profile [env: AWS_PROFILE]'
            cand --cluster 'EKS cluster name [env: OTELCTL_CLUSTER]'
            cand --kubeconfig 'Kubeconfig file to read and write [env: KUBECONFIG]'
            cand --context 'Kubeconfig context to use instead of the current one'
            cand --config 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --http2 'Use HTTP/2 (h2c prior knowledge for http://, ALPN for https://)'
            cand --insecure 'Accept any TLS certificate'
            cand --in-cluster 'Run the load from pods in the cluster (a Kubernetes Job), and merge their reports'
            cand --keep-job 'Leave the Job and its pods in place afterwards (they expire after an hour)'
            cand -v 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand --verbose 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand -q 'Only results and errors: no progress, no notes'
            cand --quiet 'Only results and errors: no progress, no notes'
            cand --no-color 'Never colour the output [env: NO_COLOR]'
            cand --yes 'Answer yes to every confirmation prompt'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'otelctl;traces'= {
            cand --grpc 'OTLP/gRPC listen address'
            cand --http 'OTLP/HTTP listen address (protobuf and JSON on /v1/traces)'
            cand --ui 'Trace viewer and query API listen address'
            cand --max-spans 'Most spans kept; the oldest traces are evicted beyond it'
            cand --max-bytes-mib 'Most memory the stored spans may take, in MiB'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --profile 'AWS shared-config profile [env: AWS_PROFILE]'
            cand --cluster 'EKS cluster name [env: OTELCTL_CLUSTER]'
            cand --kubeconfig 'Kubeconfig file to read and write [env: KUBECONFIG]'
            cand --context 'Kubeconfig context to use instead of the current one'
            cand --config 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand -v 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand --verbose 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand -q 'Only results and errors: no progress, no notes'
            cand --quiet 'Only results and errors: no progress, no notes'
            cand --no-color 'Never colour the output [env: NO_COLOR]'
            cand --yes 'Answer yes to every confirmation prompt'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'otelctl;completions'= {
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --profile 'AWS shared-config profile [env: AWS_PROFILE]'
            cand --cluster 'EKS cluster name [env: OTELCTL_CLUSTER]'
            cand --kubeconfig 'Kubeconfig file to read and write [env: KUBECONFIG]'
            cand --context 'Kubeconfig context to use instead of the current one'
            cand --config 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand -v 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand --verbose 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
            cand -q 'Only results and errors: no progress, no notes'
            cand --quiet 'Only results and errors: no progress, no notes'
            cand --no-color 'Never colour the output [env: NO_COLOR]'
            cand --yes 'Answer yes to every confirmation prompt'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'otelctl;help'= {
            cand whoami 'Show the AWS identity and region otelctl will act as (STS GetCallerIdentity)'
            cand kubeconfig 'Manage kubeconfig entries for EKS clusters'
            cand iam 'IAM for IRSA: the cluster''s OIDC provider and the ALB controller''s role'
            cand ecr 'ECR: the image repository and the registry password'
            cand image 'Build the otelctl image without Docker, and push images to ECR without `docker login`'
            cand infra 'Run Terraform on terraform/ with otelctl''s settings, catching state drift first'
            cand token 'Print an EKS bearer token as ExecCredential JSON (the kubeconfig exec plugin)'
            cand bootstrap 'Run the whole runbook as one idempotent, resumable plan, and prove traces arrive'
            cand helm 'Install the runbook''s Helm releases: the app, Jaeger, the collector, the ALB controller'
            cand doctor 'Diagnose the cluster and the tracing pipeline: every runbook check, concurrently'
            cand port-forward 'Forward a local port to Jaeger, the app or the collector, with no kubectl'
            cand serve 'Run the traced demo service (the seed''s Flask app, built in)'
            cand demo 'Run the whole tracing pipeline on this machine: load → service → OTLP → receiver'
            cand loadgen 'Send traced HTTP load and report latency, with the trace ids of the slowest requests'
            cand traces 'Receive OTLP traces and serve them through a Jaeger-compatible query API'
            cand completions 'Print a shell completion script to stdout'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'otelctl;help;whoami'= {
        }
        &'otelctl;help;kubeconfig'= {
            cand update 'Write cluster, user and context entries for an EKS cluster, like `aws eks update-kubeconfig`'
        }
        &'otelctl;help;kubeconfig;update'= {
        }
        &'otelctl;help;iam'= {
            cand oidc 'Check the IAM OIDC provider for the cluster''s issuer; --create associates it'
            cand alb-role 'Check the AWS Load Balancer Controller''s IRSA role and policy; --create fixes them'
        }
        &'otelctl;help;iam;oidc'= {
        }
        &'otelctl;help;iam;alb-role'= {
        }
        &'otelctl;help;ecr'= {
            cand ensure 'Create the ECR repository if it is missing, and print its URI'
            cand login 'Print the registry password to stdout, for `docker login --password-stdin`'
        }
        &'otelctl;help;ecr;ensure'= {
        }
        &'otelctl;help;ecr;login'= {
        }
        &'otelctl;help;image'= {
            cand build 'Build an OCI image whose entrypoint is otelctl (`otelctl serve`), with no Docker'
            cand push 'Push an image to ECR (or another registry), creating the repository if needed'
        }
        &'otelctl;help;image;build'= {
        }
        &'otelctl;help;image;push'= {
        }
        &'otelctl;help;infra'= {
            cand init 'terraform init'
            cand plan 'terraform plan, with the cluster, region and repository from otelctl''s settings'
            cand apply 'terraform apply, refused while AWS has resources the state lacks (the 409 loop)'
            cand import 'terraform import for every resource AWS has and the state lacks'
        }
        &'otelctl;help;infra;init'= {
        }
        &'otelctl;help;infra;plan'= {
        }
        &'otelctl;help;infra;apply'= {
        }
        &'otelctl;help;infra;import'= {
        }
        &'otelctl;help;token'= {
        }
        &'otelctl;help;bootstrap'= {
        }
        &'otelctl;help;helm'= {
            cand install '`helm upgrade --install` a release with its pinned chart and embedded values'
        }
        &'otelctl;help;helm;install'= {
        }
        &'otelctl;help;doctor'= {
        }
        &'otelctl;help;port-forward'= {
        }
        &'otelctl;help;serve'= {
        }
        &'otelctl;help;demo'= {
        }
        &'otelctl;help;loadgen'= {
        }
        &'otelctl;help;traces'= {
        }
        &'otelctl;help;completions'= {
        }
        &'otelctl;help;help'= {
        }
    ]
    $completions[$command]
}
