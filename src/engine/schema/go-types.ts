// Go type names of API struct fields, for the decode errors the API server prints
// (`json: cannot unmarshal number into Go struct field PodSpec.spec.restartPolicy of type v1.RestartPolicy`).
//
// The OpenAPI schema gives the JSON shape but not the Go type. `goTypeName` derives the name Go's
// reflect would print from the schema (string, int32, int64, bool, float64, []uint8 for format byte,
// `v1.PodSpec` for a definition, `[]T`, `map[string]T`); this table lists only the fields whose Go type
// differs from that (named string types, `types.UID`, `v1.ResourceList`). It was extracted from the Go
// struct definitions of kubernetes/api and kubernetes/apimachinery at v0.35.0 (the Kubernetes 1.35
// types), comparing each field's declared type with the derived name. Pointers are dropped: the decoder
// reports the pointed-to type.

export const GO_FIELD_TYPES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'io.k8s.api.apps.v1.DeploymentCondition': {
    status: 'v1.ConditionStatus',
    type: 'v1.DeploymentConditionType',
  },
  'io.k8s.api.apps.v1.DeploymentStrategy': {
    type: 'v1.DeploymentStrategyType',
  },
  'io.k8s.api.apps.v1.ReplicaSetCondition': {
    status: 'v1.ConditionStatus',
    type: 'v1.ReplicaSetConditionType',
  },
  'io.k8s.api.batch.v1.CronJobSpec': {
    concurrencyPolicy: 'v1.ConcurrencyPolicy',
  },
  'io.k8s.api.batch.v1.JobCondition': {
    status: 'v1.ConditionStatus',
    type: 'v1.JobConditionType',
  },
  'io.k8s.api.batch.v1.JobSpec': {
    completionMode: 'v1.CompletionMode',
    podReplacementPolicy: 'v1.PodReplacementPolicy',
  },
  'io.k8s.api.batch.v1.PodFailurePolicyOnExitCodesRequirement': {
    operator: 'v1.PodFailurePolicyOnExitCodesOperator',
  },
  'io.k8s.api.batch.v1.PodFailurePolicyOnPodConditionsPattern': {
    status: 'v1.ConditionStatus',
    type: 'v1.PodConditionType',
  },
  'io.k8s.api.batch.v1.PodFailurePolicyRule': {
    action: 'v1.PodFailurePolicyAction',
  },
  'io.k8s.api.batch.v1.UncountedTerminatedPods': {
    failed: '[]types.UID',
    succeeded: '[]types.UID',
  },
  'io.k8s.api.core.v1.AppArmorProfile': {
    type: 'v1.AppArmorProfileType',
  },
  'io.k8s.api.core.v1.AttachedVolume': {
    name: 'v1.UniqueVolumeName',
  },
  'io.k8s.api.core.v1.AzureDiskVolumeSource': {
    cachingMode: 'v1.AzureDataDiskCachingMode',
    kind: 'v1.AzureDataDiskKind',
  },
  'io.k8s.api.core.v1.Capabilities': {
    add: '[]v1.Capability',
    drop: '[]v1.Capability',
  },
  'io.k8s.api.core.v1.ConfigMapNodeConfigSource': {
    uid: 'types.UID',
  },
  'io.k8s.api.core.v1.Container': {
    imagePullPolicy: 'v1.PullPolicy',
    restartPolicy: 'v1.ContainerRestartPolicy',
    terminationMessagePolicy: 'v1.TerminationMessagePolicy',
  },
  'io.k8s.api.core.v1.ContainerPort': {
    protocol: 'v1.Protocol',
  },
  'io.k8s.api.core.v1.ContainerResizePolicy': {
    resourceName: 'v1.ResourceName',
    restartPolicy: 'v1.ResourceResizeRestartPolicy',
  },
  'io.k8s.api.core.v1.ContainerRestartRule': {
    action: 'v1.ContainerRestartRuleAction',
  },
  'io.k8s.api.core.v1.ContainerRestartRuleOnExitCodes': {
    operator: 'v1.ContainerRestartRuleOnExitCodesOperator',
  },
  'io.k8s.api.core.v1.ContainerStatus': {
    allocatedResources: 'v1.ResourceList',
    stopSignal: 'v1.Signal',
  },
  'io.k8s.api.core.v1.EmptyDirVolumeSource': {
    medium: 'v1.StorageMedium',
  },
  'io.k8s.api.core.v1.EphemeralContainer': {
    imagePullPolicy: 'v1.PullPolicy',
    restartPolicy: 'v1.ContainerRestartPolicy',
    terminationMessagePolicy: 'v1.TerminationMessagePolicy',
  },
  'io.k8s.api.core.v1.HTTPGetAction': {
    scheme: 'v1.URIScheme',
  },
  'io.k8s.api.core.v1.HostPathVolumeSource': {
    type: 'v1.HostPathType',
  },
  'io.k8s.api.core.v1.ImageVolumeSource': {
    pullPolicy: 'v1.PullPolicy',
  },
  'io.k8s.api.core.v1.Lifecycle': {
    stopSignal: 'v1.Signal',
  },
  'io.k8s.api.core.v1.LoadBalancerIngress': {
    ipMode: 'v1.LoadBalancerIPMode',
  },
  'io.k8s.api.core.v1.NamespaceCondition': {
    status: 'v1.ConditionStatus',
    type: 'v1.NamespaceConditionType',
  },
  'io.k8s.api.core.v1.NamespaceSpec': {
    finalizers: '[]v1.FinalizerName',
  },
  'io.k8s.api.core.v1.NamespaceStatus': {
    phase: 'v1.NamespacePhase',
  },
  'io.k8s.api.core.v1.NodeAddress': {
    type: 'v1.NodeAddressType',
  },
  'io.k8s.api.core.v1.NodeCondition': {
    status: 'v1.ConditionStatus',
    type: 'v1.NodeConditionType',
  },
  'io.k8s.api.core.v1.NodeSelectorRequirement': {
    operator: 'v1.NodeSelectorOperator',
  },
  'io.k8s.api.core.v1.NodeStatus': {
    allocatable: 'v1.ResourceList',
    capacity: 'v1.ResourceList',
    phase: 'v1.NodePhase',
    volumesInUse: '[]v1.UniqueVolumeName',
  },
  'io.k8s.api.core.v1.ObjectReference': {
    uid: 'types.UID',
  },
  'io.k8s.api.core.v1.PersistentVolumeClaimSpec': {
    accessModes: '[]v1.PersistentVolumeAccessMode',
    volumeMode: 'v1.PersistentVolumeMode',
  },
  'io.k8s.api.core.v1.PodCondition': {
    status: 'v1.ConditionStatus',
    type: 'v1.PodConditionType',
  },
  'io.k8s.api.core.v1.PodOS': {
    name: 'v1.OSName',
  },
  'io.k8s.api.core.v1.PodReadinessGate': {
    conditionType: 'v1.PodConditionType',
  },
  'io.k8s.api.core.v1.PodSecurityContext': {
    fsGroupChangePolicy: 'v1.PodFSGroupChangePolicy',
    seLinuxChangePolicy: 'v1.PodSELinuxChangePolicy',
    supplementalGroupsPolicy: 'v1.SupplementalGroupsPolicy',
  },
  'io.k8s.api.core.v1.PodSpec': {
    dnsPolicy: 'v1.DNSPolicy',
    overhead: 'v1.ResourceList',
    preemptionPolicy: 'v1.PreemptionPolicy',
    restartPolicy: 'v1.RestartPolicy',
  },
  'io.k8s.api.core.v1.PodStatus': {
    allocatedResources: 'v1.ResourceList',
    phase: 'v1.PodPhase',
    qosClass: 'v1.PodQOSClass',
    resize: 'v1.PodResizeStatus',
  },
  'io.k8s.api.core.v1.PortStatus': {
    protocol: 'v1.Protocol',
  },
  'io.k8s.api.core.v1.ResourceHealth': {
    health: 'v1.ResourceHealthStatus',
    resourceID: 'v1.ResourceID',
  },
  'io.k8s.api.core.v1.ResourceRequirements': {
    limits: 'v1.ResourceList',
    requests: 'v1.ResourceList',
  },
  'io.k8s.api.core.v1.ResourceStatus': {
    name: 'v1.ResourceName',
  },
  'io.k8s.api.core.v1.SeccompProfile': {
    type: 'v1.SeccompProfileType',
  },
  'io.k8s.api.core.v1.SecurityContext': {
    procMount: 'v1.ProcMountType',
  },
  'io.k8s.api.core.v1.ServicePort': {
    protocol: 'v1.Protocol',
  },
  'io.k8s.api.core.v1.ServiceSpec': {
    externalTrafficPolicy: 'v1.ServiceExternalTrafficPolicy',
    internalTrafficPolicy: 'v1.ServiceInternalTrafficPolicy',
    ipFamilies: '[]v1.IPFamily',
    ipFamilyPolicy: 'v1.IPFamilyPolicy',
    sessionAffinity: 'v1.ServiceAffinity',
    type: 'v1.ServiceType',
  },
  'io.k8s.api.core.v1.Taint': {
    effect: 'v1.TaintEffect',
  },
  'io.k8s.api.core.v1.Toleration': {
    effect: 'v1.TaintEffect',
    operator: 'v1.TolerationOperator',
  },
  'io.k8s.api.core.v1.TopologySpreadConstraint': {
    nodeAffinityPolicy: 'v1.NodeInclusionPolicy',
    nodeTaintsPolicy: 'v1.NodeInclusionPolicy',
    whenUnsatisfiable: 'v1.UnsatisfiableConstraintAction',
  },
  'io.k8s.api.core.v1.VolumeMount': {
    mountPropagation: 'v1.MountPropagationMode',
    recursiveReadOnly: 'v1.RecursiveReadOnlyMode',
  },
  'io.k8s.api.core.v1.VolumeMountStatus': {
    recursiveReadOnly: 'v1.RecursiveReadOnlyMode',
  },
  'io.k8s.api.core.v1.VolumeResourceRequirements': {
    limits: 'v1.ResourceList',
    requests: 'v1.ResourceList',
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.Condition': {
    status: 'v1.ConditionStatus',
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement': {
    operator: 'v1.LabelSelectorOperator',
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': {
    uid: 'types.UID',
  },
};
