/**
 * Example manifests shown under the playground's sandbox, each with "Open in editor": the shapes the
 * lessons teach, ready to change and apply. YAML text (not objects) so that comments and field
 * order read the way a person writes them. tests/engine/scenarios/playground-examples.test.ts
 * applies every one and checks that it comes up.
 */
export const PLAYGROUND_EXAMPLES: Record<string, string> = {
  "web-statefulset.yaml": `# A headless Service and a StatefulSet that uses it: pods web-0, web-1, web-2,
# each with its own DNS name (web-0.nginx) and its own claim (www-web-0 ...).
apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  clusterIP: None
  selector:
    app: nginx
  ports:
  - port: 80
    name: web
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.27
        ports:
        - containerPort: 80
          name: web
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
`,
  "web-deployment.yaml": `# A Deployment of interchangeable pods behind a ClusterIP Service.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: frontend
spec:
  replicas: 3
  selector:
    matchLabels:
      app: frontend
  template:
    metadata:
      labels:
        app: frontend
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: frontend
spec:
  selector:
    app: frontend
  ports:
  - port: 80
    targetPort: 80
`,
  "static-volume.yaml": `# Static provisioning: a hostPath PersistentVolume made by hand, a claim that binds to it,
# and a pod that mounts the claim. Try: kubectl exec writer -- sh -c 'echo hello > /data/hello.txt'
# then delete the pod, apply again, and read the file back.
apiVersion: v1
kind: PersistentVolume
metadata:
  name: manual-pv
spec:
  storageClassName: manual
  capacity:
    storage: 1Gi
  accessModes:
  - ReadWriteOnce
  persistentVolumeReclaimPolicy: Retain
  hostPath:
    path: /mnt/data
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: manual-claim
spec:
  storageClassName: manual
  accessModes:
  - ReadWriteOnce
  resources:
    requests:
      storage: 1Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: writer
spec:
  containers:
  - name: busybox
    image: busybox:1.36
    command: ["sleep", "3600"]
    volumeMounts:
    - name: data
      mountPath: /data
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: manual-claim
`,
};
